// Shields-style badges ("kudos | 42") as SVG text, for README files where neither scripts nor
// iframes run. Pure: every piece of text is escaped, widths come from a per-character estimate.
import { escapeXml } from './escape';

export interface BadgeInput {
  label: string;
  value: string;
  /** The accessible name, e.g. 'Kudos for "My post": 42'. */
  title: string;
  color?: string;
}

/** Verdana 11px advance widths, roughly: narrow, wide, and everything else. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[il.,:;'|!1 ]/.test(ch) ? 3.5 : /[mwMW@%]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.6;
  return Math.ceil(width);
}

export function badgeSvg({ label, value, title, color = '#b3261e' }: BadgeInput): string {
  const labelWidth = textWidth(label) + 12;
  const valueWidth = textWidth(value) + 12;
  const width = labelWidth + valueWidth;
  const [l, v, t] = [escapeXml(label), escapeXml(value), escapeXml(title)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${t}"><title>${t}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${escapeXml(color)}"/><rect width="${width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${labelWidth / 2}" y="14">${l}</text><text x="${labelWidth + valueWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${v}</text><text x="${labelWidth + valueWidth / 2}" y="14">${v}</text></g></svg>`;
}
