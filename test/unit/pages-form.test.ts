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

  // Known bypasses: each must stay on this site, whatever a browser makes of the Location.
  it.each([
    '/.//evil.example/x',
    '/./\\evil.example/x',
    '/\\evil.example/x',
    '//evil.example/x',
    '/%2F/evil.example/x',
    '/%2f%2fevil.example',
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '/\r\n/evil.example',
    '/\\/evil.example',
    '/..//evil.example',
    '/a/../..//evil.example/x',
    '/ /evil.example',
    '/\u0000/evil.example',
  ])('%j never leads off-site', (next) => {
    const answer = safeNext(next, own);
    expect(answer.startsWith('/')).toBe(true);
    expect(answer).not.toMatch(/^[/\\][/\\]/);
    expect(new URL(answer, own).origin).toBe(own);
    // As a browser reads a Location header: tabs and newlines removed, backslashes as slashes.
    const asBrowser = answer.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
    expect(new URL(asBrowser, own).origin).toBe(own);
  });
});
