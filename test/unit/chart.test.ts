import { describe, expect, it } from 'vitest';
import { barChartSvg, layoutBars } from '../../worker/views/chart';

describe('layoutBars', () => {
  it('makes heights proportional to values, the largest filling the plot, zero bars flat', () => {
    const bars = layoutBars(
      [
        { label: 'a', value: 0 },
        { label: 'b', value: 50 },
        { label: 'c', value: 100 },
      ],
      640,
      200,
    );
    const plotHeight = 200 - 16 - 28;
    expect(bars.map((b) => b.height)).toEqual([0, plotHeight / 2, plotHeight]);
    // Every bar stands on the same baseline and they do not overlap.
    expect(new Set(bars.map((b) => b.y + b.height)).size).toBe(1);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.x).toBeGreaterThanOrEqual(bars[i - 1]!.x + bars[i - 1]!.width);
  });

  it('draws nothing tall when every value is zero', () => {
    expect(layoutBars([{ label: 'a', value: 0 }], 640, 200)[0]!.height).toBe(0);
  });
});

describe('barChartSvg', () => {
  it('carries each exact value and the total, and names itself for screen readers', () => {
    const svg = barChartSvg({
      id: 'c',
      title: 'Earnings',
      bars: [
        { label: '2026-10', value: 45 },
        { label: '2026-11', value: 1234 },
      ],
      formatValue: (v) => `${v} cents`,
    });
    expect(svg).toContain('data-total="1279"');
    expect([...svg.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([45, 1234]);
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title>2026-11: 1234 cents</title>');
    expect(svg).toContain('total 1279 cents, highest 1234 cents');
  });

  it('escapes every piece of text it writes', () => {
    const svg = barChartSvg({ id: 'x"y', title: '<script>', bars: [{ label: '"&<>', value: 1 }], formatValue: String });
    expect(svg).not.toMatch(/<script|"&<>/);
    expect(svg).toContain('&#60;script&#62;');
  });

  it('says so when there is no data', () => {
    expect(barChartSvg({ id: 'e', title: 'Empty', bars: [], formatValue: String })).toContain('No data in this range yet');
  });
});
