import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../worker/domain/money';
import { monthlyGift, splitBudget } from '../../worker/domain/split';

const EUR = (cents: number) => money(cents, 'EUR');
const clicks = (n: number) => Array.from({ length: n }, (_, i) => `thing-${i}`);

describe('splitBudget: worked examples', () => {
  // amount, fee %, clicks, month → fee, shares (in click order)
  const examples: [number, number, number, string, number, number[]][] = [
    [500, 10, 10, '2026-10', 50, Array(10).fill(45)], // the seed's example: 5 EUR, 10 clicks
    [500, 10, 1, '2026-10', 50, [450]],
    [500, 10, 3, '2026-10', 50, [150, 150, 150]],
    [500, 10, 7, '2026-01', 50, [64, 65, 65, 64, 64, 64, 64]], // 450 = 7×64 + 2; month index 24312 % 7 = 1
    [500, 10, 7, '2026-02', 50, [64, 64, 65, 65, 64, 64, 64]], // next month the odd cents move on by one
    [505, 10, 10, '2026-10', 51, [45, 46, 46, 46, 46, 45, 45, 45, 45, 45]], // fee 50.5 rounds up; 454 = 10×45 + 4; 24321 % 10 = 1
    [200, 10, 3, '2026-10', 20, [60, 60, 60]],
    [1, 10, 2, '2026-10', 0, [0, 1]],
    [999, 0, 4, '2026-10', 0, [249, 250, 250, 250]], // 24321 % 4 = 1: positions 1,2,3 get the odd cents
    [500, 10, 450, '2026-10', 50, Array(450).fill(1)],
    [500, 10, 451, '2026-10', 50, Array.from({ length: 451 }, (_, i) => ((i - (24321 % 451) + 451) % 451 < 450 ? 1 : 0))],
  ];

  it.each(examples)('%i cents, fee %i percent, %i clicks, %s', (amount, feePercent, n, month, fee, shares) => {
    const split = splitBudget({ amount: EUR(amount), feePercent, clicks: clicks(n), month });
    expect(split.kind).toBe('shares');
    if (split.kind !== 'shares') return;
    expect(split.fee.cents).toBe(fee);
    expect(split.shares.map((s) => s.amount.cents)).toEqual(shares);
    expect(split.shares.map((s) => s.click)).toEqual(clicks(n));
  });

  it('gives a month without clicks to charity in full, without a fee', () => {
    expect(splitBudget({ amount: EUR(500), feePercent: 10, clicks: [], month: '2026-10' })).toEqual({ kind: 'charity', donation: EUR(500) });
  });

  it('refuses a negative amount', () => {
    expect(() => splitBudget({ amount: EUR(-1), feePercent: 10, clicks: clicks(1), month: '2026-10' })).toThrow(RangeError);
  });
});

describe('splitBudget: nothing is created or lost', () => {
  const cases = fc.record({
    amount: fc.integer({ min: 0, max: 99_999 }),
    feePercent: fc.integer({ min: 0, max: 29 }),
    n: fc.integer({ min: 0, max: 59 }),
    month: fc.tuple(fc.integer({ min: 2010, max: 2039 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  });

  it('fee + shares = amount, shares differ by at most a cent, for 20,000 random cases', () => {
    fc.assert(
      fc.property(cases, ({ amount, feePercent, n, month }) => {
        const split = splitBudget({ amount: EUR(amount), feePercent, clicks: clicks(n), month });
        if (split.kind === 'charity') {
          expect(n).toBe(0);
          expect(split.donation.cents).toBe(amount);
          return;
        }
        const shares = split.shares.map((s) => s.amount.cents);
        const total = split.fee.cents + shares.reduce((a, b) => a + b, 0);
        expect(total).toBe(amount);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        expect(split.fee.cents).toBe(Math.round((amount * feePercent) / 100));
      }),
      { numRuns: 20_000 },
    );
  }, 60_000);

  it('rotates the odd cents so every position wins equally often over n months', () => {
    const wins = Array(7).fill(0);
    for (let m = 0; m < 7; m++) {
      const month = `2027-${String(m + 1).padStart(2, '0')}`;
      const split = splitBudget({ amount: EUR(501), feePercent: 10, clicks: clicks(7), month });
      if (split.kind !== 'shares') throw new Error('expected shares');
      for (const [i, s] of split.shares.entries()) wins[i] += s.amount.cents - 64;
    }
    // 451 = 7×64 + 3 odd cents a month, 21 in 7 months: 3 each.
    expect(wins).toEqual(Array(7).fill(3));
  });
});

describe('monthlyGift', () => {
  it.each([
    [500, 1000, 500],
    [500, 300, 300],
    [500, 0, 0],
    [500, -20, 0], // a system account's negative balance never gives
    [0, 1000, 0],
  ])('budget %i, balance %i → %i', (budget, balance, gift) => {
    expect(monthlyGift(budget, balance, 'EUR')).toEqual(EUR(gift));
  });
});
