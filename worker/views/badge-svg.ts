// Shields-style badges ("kudos | 42") as SVG text, for README files where neither scripts nor
// iframes run. Pure: every piece of text is escaped; widths come from Verdana's real advance
// widths at 11px (the table shields.io measures with, from the anafanafo package).
import VERDANA_11PX from 'anafanafo/data/verdana-11px-normal.json';
import { escapeXml } from './escape';

export interface BadgeInput {
  label: string;
  value: string;
  /** The accessible name, e.g. 'Kudos for "My post": 42'. */
  title: string;
  color?: string;
}

/** [first code point, last code point, advance width in px], sorted, without gaps inside a range. */
const ADVANCES = VERDANA_11PX as [number, number, number][];

function advanceOf(codePoint: number): number | undefined {
  let [low, high] = [0, ADVANCES.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last, width] = ADVANCES[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return width;
  }
  return undefined;
}

/** A character the table lacks (an emoji, say) is guessed as wide as "m", a wide letter. */
const WIDE = advanceOf('m'.codePointAt(0)!)!;

/** The text's width in px when drawn in 11px Verdana, rounded up. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += advanceOf(ch.codePointAt(0)!) ?? WIDE;
  return Math.ceil(width);
}

export function badgeSvg({ label, value, title, color = '#b3261e' }: BadgeInput): string {
  const labelWidth = textWidth(label) + 12;
  const valueWidth = textWidth(value) + 12;
  const width = labelWidth + valueWidth;
  const [l, v, t] = [escapeXml(label), escapeXml(value), escapeXml(title)];
  // Each text twice: a dark copy one pixel lower is the shadow that keeps it legible.
  const text = (x: number, content: string) => `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${content}</text><text x="${x}" y="14">${content}</text>`;
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
