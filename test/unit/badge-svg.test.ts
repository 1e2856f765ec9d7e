import measure from 'anafanafo';
import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../worker/views/badge-svg';

const widths = (svg: string) => [...svg.matchAll(/<rect (?:x="\d+" )?width="(\d+)" height="20" fill="(?:#555|#[0-9a-f]{6})"/g)].map((m) => Number(m[1]));

describe('badge widths', () => {
  const printableAscii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

  it.each(['kudos', '42', '1234567', 'unknown', 'WWW', 'iii', printableAscii])('measures %j as anafanafo does for 11px Verdana', (value) => {
    const svg = badgeSvg({ label: 'kudos', value, title: 't' });
    const expected = (text: string) => Math.ceil(measure(text, { font: '11px Verdana', guess: true })) + 12;
    expect(widths(svg)).toEqual([expected('kudos'), expected(value)]);
    expect(svg).toContain(`width="${expected('kudos') + expected(value)}"`);
  });

  it('never draws other characters narrower than they are', () => {
    for (const value of ['Ünïcødé', 'emoji 🎉', 'ＷＩＤＥ']) {
      const [, width] = widths(badgeSvg({ label: 'kudos', value, title: 't' }));
      expect(width).toBeGreaterThanOrEqual(Math.ceil(measure(value, { font: '11px Verdana', guess: true })) + 12);
    }
  });

  it('makes wide letters wider than narrow ones', () => {
    const [, narrow] = widths(badgeSvg({ label: 'kudos', value: 'iiii', title: 't' }));
    const [, wide] = widths(badgeSvg({ label: 'kudos', value: 'MMMM', title: 't' }));
    expect(wide! - narrow!).toBeGreaterThan(20);
  });
});
