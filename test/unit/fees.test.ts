import { describe, expect, it } from 'vitest';
import { cardCost, depositCostSentence, feeSentence, feesSaidUpFront } from '../../worker/domain/fees';
import { money } from '../../worker/domain/money';
import { splitBudget } from '../../worker/domain/split';

describe('fees said up front', () => {
  it('states the worked example in three languages', () => {
    expect(feeSentence(money(500, 'EUR'), 10, 10)).toBe('Your €5.00 gives each of your 10 things €0.45 after the 10% fee.');
    expect(feeSentence(money(500, 'EUR'), 1, 10)).toBe('Your €5.00 gives your one thing €4.50 after the 10% fee.');
    expect(feeSentence(money(500, 'EUR'), 10, 10, 'de')).toContain('0,45');
    expect(feeSentence(money(500, 'EUR'), 10, 10, 'sv')).toContain('0,45');
  });

  it('names what the monthly split gives each thing (its base share)', () => {
    for (const [cents, n] of [
      [500, 10],
      [777, 3],
      [200, 7],
      [12345, 11],
    ] as const) {
      const split = splitBudget({ amount: money(cents, 'EUR'), feePercent: 10, clicks: Array.from({ length: n }, (_, i) => i), month: '2026-01' });
      if (split.kind !== 'shares') throw new Error('expected shares');
      const least = Math.min(...split.shares.map((s) => s.amount.cents));
      expect(feeSentence(money(cents, 'EUR'), n, 10)).toContain((least / 100).toFixed(2));
    }
  });

  it('prices a card deposit: percent rounded half up, plus the fixed part', () => {
    const fee = { percent: 1.5, fixedCents: 25 };
    expect(cardCost(money(1000, 'EUR'), fee).cents).toBe(40);
    expect(cardCost(money(500, 'EUR'), fee).cents).toBe(33); // 7.5 → 8, + 25
    expect(depositCostSentence('EUR', fee, 500, 500)).toBe(
      'Deposits start at €5.00. A card deposit costs 1.5% + €0.25 on top (€15.00 costs €15.48), so fund 3 months or more at once.',
    );
    expect(feesSaidUpFront({ feePercent: 10, currency: 'EUR', cardFee: fee })).toContain('your €5.00 gives each of your 10 things €0.45 after the 10% fee.');
  });
});
