// Bar charts as plain SVG text, drawn on the server: no chart library, no client code. Pure, so
// the geometry is unit-tested; every bar carries its exact value so a test (or a person with a
// screen reader, through the bar's <title>) can check it against the numbers it stands for.
import type { Bar } from '../domain/stats';
import { escapeXml } from './escape';

export interface ChartInput {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  bars: readonly Bar[];
  /** How a value is written for people, e.g. cents → "4.50 EUR". */
  formatValue: (value: number) => string;
  width?: number;
  height?: number;
}

const PAD = { top: 16, right: 8, bottom: 28, left: 56 };

export interface BarGeometry extends Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where each bar goes: heights proportional to values, the largest filling the plot. */
export function layoutBars(bars: readonly Bar[], width: number, height: number): BarGeometry[] {
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const slot = bars.length ? plotWidth / bars.length : 0;
  // Thin bars touch (a year of days); wide ones (a few months) keep a readable width.
  const gap = slot > 6 ? Math.max(Math.min(slot * 0.2, 8), slot - 64) : 0;
  return bars.map((bar, i) => {
    const h = max > 0 ? (Math.max(0, bar.value) / max) * plotHeight : 0;
    return { ...bar, x: round(PAD.left + i * slot + gap / 2), y: round(PAD.top + plotHeight - h), width: round(slot - gap), height: round(h) };
  });
}

export function barChartSvg({ id, title, bars, formatValue, width = 640, height = 160 }: ChartInput): string {
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const baseline = height - PAD.bottom;
  const description = bars.length
    ? `${bars.length} bars from ${bars[0]!.label} to ${bars[bars.length - 1]!.label}; total ${formatValue(total)}, highest ${formatValue(max)}.`
    : 'No data in this range.';
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeXml(id)}-title ${escapeXml(id)}-desc" data-total="${total}">`,
    `<title id="${escapeXml(id)}-title">${escapeXml(title)}</title>`,
    `<desc id="${escapeXml(id)}-desc">${escapeXml(description)}</desc>`,
    `<line class="axis" x1="${PAD.left}" y1="${baseline}" x2="${width - PAD.right}" y2="${baseline}"/>`,
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${width - PAD.right}" y2="${PAD.top}" stroke-dasharray="3 3"/>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end">${escapeXml(formatValue(max))}</text>`,
    `<text x="${PAD.left - 6}" y="${baseline + 4}" text-anchor="end">${escapeXml(formatValue(0))}</text>`,
  ];
  if (!bars.length) {
    parts.push(`<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">No data in this range yet</text>`);
  }
  for (const bar of layoutBars(bars, width, height)) {
    parts.push(
      `<rect class="bar" x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" data-label="${escapeXml(bar.label)}" data-value="${bar.value}"><title>${escapeXml(`${bar.label}: ${formatValue(bar.value)}`)}</title></rect>`,
    );
  }
  // Label the first and last bars (and the middle one when there is room) so dates stay legible.
  const labelled = new Set([0, Math.floor((bars.length - 1) / 2), bars.length - 1]);
  layoutBars(bars, width, height).forEach((bar, i) => {
    if (!labelled.has(i)) return;
    const anchor = i === 0 && bars.length > 1 ? 'start' : i === bars.length - 1 && bars.length > 1 ? 'end' : 'middle';
    const x = anchor === 'start' ? bar.x : anchor === 'end' ? bar.x + bar.width : bar.x + bar.width / 2;
    parts.push(`<text x="${round(x)}" y="${baseline + 18}" text-anchor="${anchor}">${escapeXml(bar.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const round = (n: number) => Math.round(n * 100) / 100;
