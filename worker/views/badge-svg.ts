// Shields-style badges ("kudos | 42") as SVG text, for README files where neither scripts nor
// iframes run. Pure: every piece of text is escaped; widths come from Verdana's real advance
// widths at 11px (the metrics shields.io measures with; test/unit/badge-svg.test.ts checks every
// one against the anafanafo package, which is not bundled: its tables weigh 220 KB per font).
import { escapeXml } from './escape';

export interface BadgeInput {
  label: string;
  value: string;
  /** The accessible name, e.g. 'Kudos for "My post": 42'. */
  title: string;
  color?: string;
}

/** Advance widths in px of the printable ASCII characters " " (32) to "~" (126), Verdana 11px. */
const ASCII_ADVANCES = [
  3.87, 4.33, 5.05, 9, 6.99, 11.84, 7.99, 2.95, 5, 5, 6.99, 9, 4, 5, 4, 5, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 5, 5, 9, 9, 9, 6, 11,
  7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 5,
  5, 5, 9, 6.99, 6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7, 6.96, 6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9,
  6.51, 6.51, 5.78, 6.98, 5, 6.98, 9,
];

/** Badges show a fixed label and a count; any other character is given the width of "W", so text never overflows. */
const WIDE = ASCII_ADVANCES['W'.charCodeAt(0) - 32]!;

/** The text's width in px when drawn in 11px Verdana, rounded up. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ASCII_ADVANCES[ch.charCodeAt(0) - 32] ?? WIDE;
  return Math.ceil(width);
}

export function badgeSvg({ label, value, title, color = '#b3261e' }: BadgeInput): string {
  const labelWidth = textWidth(label) + 12;
  const valueWidth = textWidth(value) + 12;
  const width = labelWidth + valueWidth;
  const [l, v, t] = [escapeXml(label), escapeXml(value), escapeXml(title)];
  // Each text twice: a dark copy one pixel lower is the shadow that keeps it legible.
  const text = (x: number, content: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${content}</text><text x="${x}" y="14">${content}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${t}">`,
    `<title>${t}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${escapeXml(color)}"/>`,
    `<rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    text(labelWidth / 2, l),
    text(labelWidth + valueWidth / 2, v),
    '</g></svg>',
  ].join('');
}
