import { describe, expect, it } from 'vitest';
import { addMonths, hasEnded, isMonth, monthOf, monthStart, monthToSettle } from '../../worker/domain/month';

describe('months (UTC)', () => {
  it('names the UTC month of a moment, not the local one', () => {
    expect(monthOf(Date.UTC(2026, 9, 31, 23, 59, 59, 999))).toBe('2026-10');
    expect(monthOf(Date.UTC(2026, 10, 1, 0, 0, 0, 0))).toBe('2026-11');
  });

  it('settles the month before the cron fires, across a year end', () => {
    expect(monthToSettle(Date.UTC(2026, 10, 1, 0, 5))).toBe('2026-10');
    expect(monthToSettle(Date.UTC(2027, 0, 1, 0, 5))).toBe('2026-12');
  });

  it('knows when a month has ended', () => {
    expect(hasEnded('2026-10', Date.UTC(2026, 9, 31, 23, 59))).toBe(false);
    expect(hasEnded('2026-10', Date.UTC(2026, 10, 1))).toBe(true);
  });

  it('adds months and finds their start', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthStart('2026-02')).toBe(Date.UTC(2026, 1, 1));
  });

  it.each(['2026-00', '2026-13', '26-01', '2026-1', '2026-01-01', ''])('rejects %j', (text) => {
    expect(isMonth(text)).toBe(false);
  });
});
