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
});
