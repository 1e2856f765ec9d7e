// Escaping text for hand-written markup (SVG strings, <script> data); Preact escapes what it renders.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a <script> element: no "</script>" or "<!--" can end or change it,
 * and U+2028/U+2029 (line breaks to old JavaScript parsers) are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
