// Pure parts of the first ten minutes: movements in words, languages, profile rules and the
// generated avatar. (The page check's address rules: outbound-address.test.ts.)
import { describe, expect, it } from 'vitest';
import { describeMovement, movementsCsv, settlesOn, type Movement } from '../../worker/domain/movements';
import { generatedAvatarSvg, parseLinks, sniffImageType } from '../../worker/domain/profile';
import { fromAcceptLanguage, pickLang } from '../../worker/domain/lang';
import { SITE_WORDS } from '../../worker/views/words';

const NOV_1 = Date.UTC(2026, 10, 1, 0, 5);
const base: Movement = {
  transactionId: 1,
  transactionKind: 'settlement',
  month: '2026-10',
  at: NOV_1,
  amountCents: 0,
  legs: {},
  counterparty: null,
  sharesCount: 0,
  shareMinCents: 0,
  shareMaxCents: 0,
  thingTitle: null,
  thingsCount: 0,
};

describe('movements in words', () => {
  it.each([
    ['release', 300, '1 Nov: you claimed a page, and the €3.00 of kudos held for it came to you.'],
    ['return', 45, '1 Nov: €0.45 of your kudos to a page nobody claimed came back to you.'],
    ['reversal', -1000, '1 Nov: a refund or dispute took €10.00 of a deposit back.'],
  ])('says a %s of %i cents in words', (kind, amountCents, sentence) => {
    expect(describeMovement({ ...base, transactionKind: kind, amountCents }, 'EUR', 'charity')).toBe(sentence);
  });

  it("says the giver's month as the issue's example: 10 things, 45 cents each, 50 cents fee", () => {
    const m = {
      ...base,
      amountCents: -500,
      legs: { budget: -450, fee: -50 },
      counterparty: 'system:fees',
      sharesCount: 10,
      shareMinCents: 45,
      shareMaxCents: 45,
    };
    expect(describeMovement(m, 'EUR', 'charity')).toBe('1 Nov: your October gave €0.45 to each of 10 things, €0.50 fee.');
  });
  it('names both amounts when the leftover cents make shares differ, and the one-thing case', () => {
    expect(
      describeMovement(
        { ...base, amountCents: -700, legs: { budget: -630, fee: -70 }, sharesCount: 4, shareMinCents: 157, shareMaxCents: 158 },
        'EUR',
        'charity',
      ),
    ).toBe('1 Nov: your October gave €1.57 or €1.58 to each of 4 things, €0.70 fee.');
    expect(
      describeMovement(
        { ...base, amountCents: -500, legs: { budget: -450, fee: -50 }, sharesCount: 1, shareMinCents: 450, shareMaxCents: 450 },
        'EUR',
        'charity',
      ),
    ).toBe('1 Nov: your October gave €4.50 to the one thing you gave kudos to, €0.50 fee.');
  });
  it('says charity, shares received, deposits and payouts', () => {
    expect(describeMovement({ ...base, amountCents: -500, legs: { budget: -500 }, counterparty: 'charity' }, 'EUR', 'charity')).toBe(
      '1 Nov: you gave no kudos in October, so its €5.00 went to charity.',
    );
    expect(
      describeMovement({ ...base, amountCents: 45, legs: { share: 45 }, counterparty: 'bob', thingTitle: 'Post 1', thingsCount: 1 }, 'EUR', 'charity'),
    ).toBe('1 Nov: @bob\'s October gave "Post 1" €0.45.');
    expect(
      describeMovement({ ...base, amountCents: 90, legs: { share: 90 }, counterparty: 'bob', thingTitle: 'Post 1', thingsCount: 2 }, 'EUR', 'charity'),
    ).toBe("1 Nov: @bob's October gave 2 of your things €0.90.");
    expect(describeMovement({ ...base, transactionKind: 'deposit', month: '2026-11', amountCents: 1000, legs: { deposit: 1000 } }, 'EUR', 'charity')).toBe(
      '1 Nov: you added €10.00 to your balance.',
    );
    expect(describeMovement({ ...base, transactionKind: 'payout', amountCents: -300, legs: { payout: -300 } }, 'EUR', 'charity')).toBe(
      '1 Nov: you asked for a payout of €3.00.',
    );
    expect(describeMovement({ ...base, transactionKind: 'refund', amountCents: -200, legs: { refund: -200 } }, 'EUR', 'charity')).toBe(
      '1 Nov: €2.00 went out (refund).',
    );
  });
  it('writes CSV with the sentence, quoted and formula-safe, and says when a month settles', () => {
    const csv = movementsCsv([{ ...base, amountCents: 45, legs: { share: 45 }, counterparty: 'bob', thingTitle: '=cmd()', thingsCount: 1 }], 'EUR', 'charity');
    expect(csv).toBe(
      'date,month,kind,amount_cents,currency,description\r\n2026-11-01,2026-10,settlement,45,EUR,"1 Nov: @bob\'s October gave ""=cmd()"" €0.45."\r\n',
    );
    expect(settlesOn('2026-12')).toBe('1 Jan 2027');
  });
});

describe('site languages', () => {
  it('takes ?lang, then the cookie, then Accept-Language by weight, then English', () => {
    expect(pickLang('de', 'sv', 'en')).toBe('de');
    expect(pickLang('xx', 'sv', 'de')).toBe('sv');
    expect(pickLang(undefined, undefined, 'fr;q=1, sv-SE;q=0.8, de;q=0.9')).toBe('de');
    expect(fromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, undefined, 'fr, ja')).toBe('en');
  });
  it('has every word in every language (same keys)', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v && !Array.isArray(v) ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(SITE_WORDS.de)).toEqual(keys(SITE_WORDS.en));
    expect(keys(SITE_WORDS.sv)).toEqual(keys(SITE_WORDS.en));
    expect(SITE_WORDS.de.profile.cta('alice')).toContain('@alice');
  });
});

describe('profiles', () => {
  it('sniffs picture types from bytes, never SVG', () => {
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBeNull();
  });
  it('takes up to five http(s) links, one a line', () => {
    expect(parseLinks('https://a.example\n\n http://b.example/x ')).toEqual({ links: ['https://a.example/', 'http://b.example/x'] });
    expect(parseLinks('javascript:alert(1)')).toEqual({ bad: 'javascript:alert(1)' });
    expect(parseLinks(Array.from({ length: 6 }, (_, i) => `https://${i}.example`).join('\n'))).toEqual({ bad: 'https://5.example/' });
  });
  it('generates the same avatar for a handle every time, and different ones for different handles', () => {
    expect(generatedAvatarSvg('alice')).toBe(generatedAvatarSvg('alice'));
    expect(generatedAvatarSvg('alice')).not.toBe(generatedAvatarSvg('alicf'));
    expect(generatedAvatarSvg('alice')).toMatch(/^<svg [^>]*>.*>A<\/text><\/svg>$/);
  });
});
