// Escaping text for hand-written markup (SVG strings, CSV); Preact escapes what it renders.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
