import { describe, expect, it } from 'vitest';
import { centsToInput, parseAmountToCents, safeNext } from '../../worker/http/form';

describe('parseAmountToCents', () => {
  it.each([
    ['5', 500],
    ['5.5', 550],
    ['5.50', 550],
    ['5,05', 505],
    [' 0.29 ', 29],
    ['0', 0],
    ['999999999.99', 99_999_999_999],
  ])('%j is %i cents', (text, cents) => expect(parseAmountToCents(text)).toBe(cents));

  it.each(['', '5.555', '-1', '1e3', '5.', '.5', 'five', '1 000'])('refuses %j', (text) => expect(parseAmountToCents(text)).toBeNull());

  it('round-trips with centsToInput', () => {
    for (const cents of [0, 1, 29, 450, 100_000_00]) expect(parseAmountToCents(centsToInput(cents))).toBe(cents);
  });
});

describe('safeNext', () => {
  const own = 'https://kudos.example';
  it.each([
    ['/stats?from=2026-01-01', '/stats?from=2026-01-01'],
    ['/button?owner=a&url=https%3A%2F%2Fb.example', '/button?owner=a&url=https%3A%2F%2Fb.example'],
    [undefined, '/dashboard'],
    ['//evil.example/', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
    ['https://evil.example/', '/dashboard'],
    ['https://kudos.example/stats', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
  ])('%j → %j', (next, expected) => expect(safeNext(next, own)).toBe(expected));
});
