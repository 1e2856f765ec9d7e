// "What this month gives", decided once (worker/domain/month-gives.ts): worked examples of the
// walks that used to disagree, and what one kudos is worth from the same answer.
import { describe, expect, it } from 'vitest';
import { kudosWorth, type MonthFacts, monthGives } from '../../worker/domain/month-gives';
import { waitingBySite } from '../../worker/domain/waiting';

const facts = (over: Partial<MonthFacts>): MonthFacts => ({
  month: '2040-03',
  currency: 'EUR',
  feePercent: 10,
  budgetNowCents: 500,
  budgetInForceCents: 500,
  pledge: null,
  unreservedCents: 1000,
  settled: false,
  bookedGivenCents: 0,
  bookedFeeCents: 0,
  ...over,
});
const clicks = (n: number) => Array.from({ length: n }, (_, i) => ({ thingId: 10 - i, title: `T${i}`, url: `https://t${i}.example/`, owner: `o${i}`, at: i }));

describe('what this month gives', () => {
  it('before the first kudos: min(budget in force, unreserved balance), to charity if no kudos follow', () => {
    expect(monthGives(facts({}), [])).toMatchObject({ kind: 'charity', amountCents: 500, limitedByBalance: false, pledged: false });
    expect(monthGives(facts({ budgetNowCents: 50_000, budgetInForceCents: 50_000, unreservedCents: 1051 }), [])).toMatchObject({
      kind: 'charity',
      amountCents: 1051,
      budgetCents: 50_000,
      limitedByBalance: true,
    });
  });

  it('after the first kudos: the pledge, whatever the budget became since (the new one applies next month)', () => {
    const gives = monthGives(facts({ budgetNowCents: 600, budgetInForceCents: 600, pledge: { budgetCents: 555, reservedCents: 555 } }), clicks(3));
    expect(gives).toMatchObject({ kind: 'shares', amountCents: 555, feeCents: 56, budgetCents: 555, laterBudgetCents: 600, limitedByBalance: false });
    // 5.55 − 0.56 = 4.99 over three: 1.66 each, the odd cent to one of them; in thing-id order as the run books it.
    if (gives.kind !== 'shares') throw new Error('shares expected');
    expect(gives.clicks.map((k) => k.thingId)).toEqual([8, 9, 10]);
    expect(gives.clicks.reduce((sum, k) => sum + k.shareCents, 0)).toBe(499);
  });

  it('a pledge smaller than its budget says the balance limited it', () => {
    expect(monthGives(facts({ budgetNowCents: 50_000, pledge: { budgetCents: 50_000, reservedCents: 1051 } }), clicks(10))).toMatchObject({
      kind: 'shares',
      amountCents: 1051,
      feeCents: 105,
      limitedByBalance: true,
      laterBudgetCents: null,
    });
  });

  it('once settled: what was booked, not a projection', () => {
    expect(
      monthGives(facts({ settled: true, bookedGivenCents: 500, bookedFeeCents: 50, pledge: { budgetCents: 500, reservedCents: 500 } }), clicks(2)),
    ).toEqual({
      kind: 'settled',
      month: '2040-03',
      budgetCents: 500,
      pledged: true,
      laterBudgetCents: null,
      givenCents: 500,
      feeCents: 50,
      kudos: 2,
    });
  });

  it('nothing funded: nothing, and the kudos so far get nothing', () => {
    const gives = monthGives(facts({ unreservedCents: -20 }), clicks(2));
    expect(gives).toMatchObject({ kind: 'nothing', amountCents: 0 });
    expect(kudosWorth(gives, 2, false, 10, 'EUR')).toEqual({ worthCents: 0, afterFeeCents: 0, sharedAmong: 3, kudosSoFar: 2, alreadyGiven: false });
  });

  it('one kudos is worth the amount after the fee over the kudos so far and this one', () => {
    const gives = monthGives(facts({}), []);
    expect(kudosWorth(gives, 0, false, 10, 'EUR').worthCents).toBe(450);
    expect(kudosWorth(gives, 9, false, 10, 'EUR').worthCents).toBe(45);
    expect(kudosWorth(gives, 10, true, 10, 'EUR').worthCents).toBe(45);
    expect(kudosWorth(monthGives(facts({ unreservedCents: 300 }), []), 1, false, 10, 'EUR')).toMatchObject({ worthCents: 135, afterFeeCents: 270 });
  });
});

describe('what waits for a creator', () => {
  it('groups unclaimed things by site, the most held first, and leaves out things nobody gave to', () => {
    expect(
      waitingBySite([
        { url: 'https://a.example/1', kudosThisMonth: 1, kudosTotal: 2, heldCents: 45 },
        { url: 'https://b.example/1', kudosThisMonth: 0, kudosTotal: 1, heldCents: 450 },
        { url: 'https://a.example/2', kudosThisMonth: 1, kudosTotal: 1, heldCents: 0 },
        { url: 'http://plain.example/x', kudosThisMonth: 1, kudosTotal: 1, heldCents: 0 },
        { url: 'https://c.example/1', kudosThisMonth: 0, kudosTotal: 0, heldCents: 0 },
      ]),
    ).toEqual([
      { site: 'https://b.example', verifiable: true, things: 1, kudosThisMonth: 0, kudosTotal: 1, heldCents: 450 },
      { site: 'https://a.example', verifiable: true, things: 2, kudosThisMonth: 2, kudosTotal: 3, heldCents: 45 },
      { site: 'http://plain.example', verifiable: false, things: 1, kudosThisMonth: 1, kudosTotal: 1, heldCents: 0 },
    ]);
  });
});
