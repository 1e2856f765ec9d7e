import { describe, expect, it } from 'vitest';
import { assertBalanced, balanceChanges, UnbalancedBooking } from '../../worker/domain/ledger';
import { cleanTitle, httpsOrLoopback, normaliseUrl, readButtonRef } from '../../worker/domain/rules';

describe('normaliseUrl', () => {
  it.each([
    ['https://Blog.Example/post-1', 'https://blog.example/post-1'],
    ['HTTPS://blog.example:443/post-1/#comments', 'https://blog.example/post-1'],
    ['http://blog.example:80/', 'http://blog.example/'],
    ['https://blog.example/p?utm_source=x&b=2&a=1&fbclid=y', 'https://blog.example/p?a=1&b=2'],
    ['  https://blog.example/p  ', 'https://blog.example/p'],
    ['http://localhost:8788/posts/1.html', 'http://localhost:8788/posts/1.html'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseUrl(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'ftp://x.example/', '/relative', 'not a url', 'https://user:pw@x.example/', `https://x.example/${'a'.repeat(2100)}`])(
    'rejects %s',
    (input) => {
      expect(normaliseUrl(input)).toBeNull();
    },
  );
});

describe('bookings', () => {
  it('must balance and have no zero legs', () => {
    const legs = [
      { accountId: 1, kind: 'budget' as const, amountCents: -500 },
      { accountId: 2, kind: 'fee' as const, amountCents: 50 },
      { accountId: 3, kind: 'share' as const, amountCents: 450 },
    ];
    expect(() => assertBalanced({ key: 'k', kind: 'settlement', month: '2026-10', legs })).not.toThrow();
    expect(() => assertBalanced({ key: 'k', kind: 'settlement', month: '2026-10', legs: legs.slice(1) })).toThrow(UnbalancedBooking);
    expect(() => assertBalanced({ key: 'k', kind: 'deposit', month: '2026-10', legs: [{ accountId: 1, kind: 'deposit', amountCents: 0 }] })).toThrow(
      UnbalancedBooking,
    );
  });

  it('nets the balance change per account', () => {
    const changes = balanceChanges([
      {
        key: 'a',
        kind: 'settlement',
        month: '2026-10',
        legs: [
          { accountId: 1, kind: 'budget', amountCents: -10 },
          { accountId: 2, kind: 'share', amountCents: 10 },
        ],
      },
      {
        key: 'b',
        kind: 'settlement',
        month: '2026-10',
        legs: [
          { accountId: 2, kind: 'budget', amountCents: -10 },
          { accountId: 1, kind: 'share', amountCents: 10 },
        ],
      },
      {
        key: 'c',
        kind: 'settlement',
        month: '2026-10',
        legs: [
          { accountId: 3, kind: 'budget', amountCents: -4 },
          { accountId: 1, kind: 'share', amountCents: 4 },
        ],
      },
    ]);
    expect([...changes]).toEqual([
      [1, 4],
      [3, -4],
    ]);
  });
});

describe('cleanTitle', () => {
  it.each([
    ['A\u0000B', 'AB'],
    ['\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['safe\u202Eexe.txt', 'safeexe.txt'],
    ['\u2066isolated\u2069 \u200Fmark', 'isolated mark'],
    ['line\nbreak\ttab', 'line break tab'],
    ['  padded  ', 'padded'],
    ['\u0085\u009b', ''],
    ['x;=1+1', 'x;=1+1'],
    ['emoji 👩‍💻 kept', 'emoji 👩‍💻 kept'],
  ])('%j → %j', (input, expected) => expect(cleanTitle(input)).toBe(expected));

  it('cuts at 200 characters without splitting a surrogate pair', () => {
    const title = cleanTitle(`${'a'.repeat(199)}😀😀`);
    expect([...title]).toHaveLength(200);
    expect(title.endsWith('😀')).toBe(true);
  });
});

describe('readButtonRef: the one reading of a button’s owner and page', () => {
  it('lower-cases the handle, canonicalises the page and falls back to it for the title', () => {
    expect(readButtonRef('Alice', 'HTTPS://Blog.example/post/?utm_source=x#top', '  ')).toEqual({
      owner: 'alice',
      url: 'https://blog.example/post',
      title: 'https://blog.example/post',
    });
    expect(readButtonRef('bob', 'https://blog.example/a', 'A post')?.title).toBe('A post');
  });

  it('names nothing without a handle or an absolute http(s) page', () => {
    for (const [owner, url] of [
      ['', 'https://blog.example/a'],
      ['a', 'https://blog.example/a'],
      ['al ice', 'https://blog.example/a'],
      [null, 'https://blog.example/a'],
      ['alice', ''],
      ['alice', '/relative'],
      ['alice', 'javascript:alert(1)'],
      ['alice', undefined],
    ] as const) {
      expect(readButtonRef(owner, url)).toBeNull();
    }
  });
});

describe('httpsOrLoopback (an app redirect, a webhook endpoint)', () => {
  it('takes https anywhere and http on loopback only where allowed; never credentials or fragments', () => {
    const cases: [string, boolean, boolean][] = [
      ['https://app.example/cb', false, true],
      ['http://app.example/cb', true, false],
      ['http://127.0.0.1:7777/cb', true, true],
      ['http://127.0.0.1:7777/cb', false, false],
      ['http://localhost/cb', true, true],
      ['http://[::1]:8080/cb', true, true],
      ['http://127.0.0.2/cb', true, false],
      ['https://user:pw@app.example/cb', false, false],
      ['https://app.example/cb#x', false, false],
      ['javascript:alert(1)', true, false],
      ['not a url', true, false],
    ];
    for (const [url, loopback, ok] of cases) expect([url, loopback, httpsOrLoopback(url, loopback)]).toEqual([url, loopback, ok]);
  });
});
