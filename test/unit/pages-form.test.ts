import { describe, expect, it } from 'vitest';
import { safeNext } from '../../worker/http/form';

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
