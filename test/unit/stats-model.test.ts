import { describe, expect, it } from 'vitest';
import { csvCell, perDay, perMonth, perThing, readRange, statsCsv } from '../../worker/domain/stats';
import type { DayThingRow } from '../../worker/domain/stats';

const row = (day: string, thingId: number, clicks: number, earningsCents: number): DayThingRow => ({
  day,
  thingId,
  clicks,
  settledClicks: earningsCents ? clicks : 0,
  earningsCents,
  firstAt: Date.parse(`${day}T10:00:00Z`),
  lastAt: Date.parse(`${day}T12:00:00Z`),
});

describe('readRange', () => {
  const now = Date.parse('2026-11-24T21:00:00Z');
  it('defaults to the 1st of the month two months ago through today', () => {
    expect(readRange(undefined, undefined, now)).toMatchObject({ from: '2026-09-01', to: '2026-11-24' });
  });
  it('turns a reversed range round, refuses impossible dates and cuts ranges to two years', () => {
    expect(readRange('2026-11-10', '2026-11-01', now)).toMatchObject({ from: '2026-11-01', to: '2026-11-10' });
    expect(readRange('2026-02-30', undefined, now).from).toBe('2026-09-01');
    const long = readRange('2000-01-01', '2026-11-24', now);
    expect((long.untilMs - long.fromMs) / 86_400_000).toBe(731);
  });
});

describe('aggregations', () => {
  const rows = [row('2026-10-31', 1, 2, 90), row('2026-11-01', 1, 1, 0), row('2026-11-01', 2, 3, 135)];
  const range = readRange('2026-10-30', '2026-11-02', Date.now());

  it('has one bar per day of the range, empty days included, summing to the rows', () => {
    const days = perDay(rows, range);
    expect(days.clicks).toEqual([
      { label: '2026-10-30', value: 0 },
      { label: '2026-10-31', value: 2 },
      { label: '2026-11-01', value: 4 },
      { label: '2026-11-02', value: 0 },
    ]);
    expect(days.earnings.map((b) => b.value)).toEqual([0, 90, 135, 0]);
  });

  it('has one bar per month the range touches', () => {
    expect(perMonth(rows, range).earnings).toEqual([
      { label: '2026-10', value: 90 },
      { label: '2026-11', value: 135 },
    ]);
  });

  it('has a row per thing, untouched things too, with first and last kudos', () => {
    const things = perThing(rows, [
      { id: 1, title: 'One', url: 'https://a.example/1' },
      { id: 2, title: 'Two', url: 'https://a.example/2' },
      { id: 3, title: 'Three', url: 'https://a.example/3' },
    ]);
    expect(things.map((t) => [t.id, t.clicks, t.earningsCents])).toEqual([
      [2, 3, 135],
      [1, 3, 90],
      [3, 0, 0],
    ]);
    expect(things[1]).toMatchObject({ firstAt: Date.parse('2026-10-31T10:00:00Z'), lastAt: Date.parse('2026-11-01T12:00:00Z'), settledClicks: 2 });
    expect(things[2]).toMatchObject({ firstAt: null, lastAt: null });
  });

  it('writes the same rows as CSV', () => {
    const csv = statsCsv(rows, [{ id: 1, title: 'One, "quoted"', url: 'https://a.example/1' }], 'EUR');
    expect(csv.split('\r\n')).toEqual([
      'date,month,thing_id,thing_title,thing_url,clicks,settled_clicks,earnings_cents,currency',
      '2026-10-31,2026-10,1,"One, ""quoted""",https://a.example/1,2,2,90,EUR',
      '2026-11-01,2026-11,1,"One, ""quoted""",https://a.example/1,1,0,0,EUR',
      '2026-11-01,2026-11,2,,,3,3,135,EUR',
      '',
    ]);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    // Spreadsheets that split on ";" must see one cell, never "=1+1" in the next one.
    expect(csvCell('x;=1+1')).toBe('"x;=1+1"');
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('+cmd')).toBe(`"'+cmd"`);
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
  });
});
