import { describe, expect, it } from 'vitest';
import { add, amountPattern, exponentOf, formatMoney, min, money, MoneyError, moneyToInput, parseMoney, percentOf, subtract } from '../../worker/domain/money';

describe('money', () => {
  it.each([
    [500, 10, 50],
    [505, 10, 51], // 50.5 rounds half up
    [504, 10, 50],
    [1, 10, 0],
    [5, 10, 1], // 0.5 rounds half up
    [999_999, 10, 100_000],
    [100_000_000, 10, 10_000_000],
    [333, 33.33, 111],
    [1000, 0, 0],
    [1000, 100, 1000],
  ])('%i cents × %f percent = %i cents', (cents, percent, expected) => {
    expect(percentOf(money(cents, 'EUR'), percent).cents).toBe(expected);
  });

  it('refuses fractions of a cent, unknown currencies and mixed currencies', () => {
    expect(() => money(1.5, 'EUR')).toThrow(MoneyError);
    expect(() => money(1, 'euro')).toThrow(MoneyError);
    expect(() => add(money(1, 'EUR'), money(1, 'SEK'))).toThrow(MoneyError);
    expect(() => subtract(money(1, 'EUR'), money(1, 'SEK'))).toThrow(MoneyError);
    expect(() => min(money(1, 'EUR'), money(1, 'SEK'))).toThrow(MoneyError);
    expect(() => percentOf(money(1, 'EUR'), 101)).toThrow(MoneyError);
  });

  it('adds, subtracts and picks the smaller amount', () => {
    expect(add(money(150, 'EUR'), money(50, 'EUR'))).toEqual(money(200, 'EUR'));
    expect(subtract(money(150, 'EUR'), money(50, 'EUR'))).toEqual(money(100, 'EUR'));
    expect(min(money(150, 'EUR'), money(50, 'EUR'))).toEqual(money(50, 'EUR'));
  });

  it('formats for people', () => {
    expect(formatMoney(money(45, 'EUR'))).toBe('€0.45');
    expect(formatMoney(money(500, 'EUR'), 'de')).toBe('5,00\u00a0€');
  });
});

describe('each currency with its own minor unit', () => {
  it.each([
    ['EUR', 2],
    ['SEK', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i decimals', (currency, digits) => expect(exponentOf(currency)).toBe(digits));

  it.each([
    ['EUR', 450, '€4.50'],
    ['EUR', 5, '€0.05'],
    ['JPY', 450, '¥450'],
    ['JPY', 5, '¥5'],
    ['KWD', 4500, 'KWD\u00a04.500'],
    ['KWD', 5, 'KWD\u00a00.005'],
  ])('formats %s %i as %j', (currency, minor, text) => expect(formatMoney(money(minor, currency))).toBe(text));

  // EUR keeps every case the page forms accepted and refused before currencies had exponents.
  it.each([
    ['EUR', '5', 500],
    ['EUR', '5.5', 550],
    ['EUR', '5.50', 550],
    ['EUR', '5,05', 505],
    ['EUR', ' 0.29 ', 29],
    ['EUR', '0', 0],
    ['EUR', '999999999.99', 99_999_999_999],
    ['JPY', '500', 500],
    ['JPY', '0', 0],
    ['KWD', '1.25', 1250],
    ['KWD', '1,250', 1250],
    ['KWD', '0.005', 5],
    ['KWD', '2', 2000],
  ])('reads %s %j as %i minor units', (currency, text, minor) => expect(parseMoney(text, currency)).toEqual(money(minor, currency)));

  it.each([
    ['EUR', ''],
    ['EUR', '5.555'],
    ['EUR', '-1'],
    ['EUR', '1e3'],
    ['EUR', '5.'],
    ['EUR', '.5'],
    ['EUR', 'five'],
    ['EUR', '1 000'],
    ['JPY', '5.5'],
    ['JPY', '5.00'],
    ['KWD', '1.2505'],
  ])('refuses %s %j', (currency, text) => expect(parseMoney(text, currency)).toBeNull());

  it.each(['EUR', 'JPY', 'KWD'])('%s amounts round-trip through the form field text, which its pattern accepts', (currency) => {
    const pattern = new RegExp(`^(?:${amountPattern(currency)})$`);
    for (const minor of [0, 1, 29, 450, 10_000_000]) {
      const text = moneyToInput(money(minor, currency));
      expect(pattern.test(text), text).toBe(true);
      expect(parseMoney(text, currency)).toEqual(money(minor, currency));
    }
    expect(moneyToInput(money(450, currency))).toBe({ EUR: '4.50', JPY: '450', KWD: '0.450' }[currency]);
  });

  it('rounds fees to the minor unit of each currency', () => {
    expect(percentOf(money(505, 'JPY'), 10)).toEqual(money(51, 'JPY'));
    expect(percentOf(money(5005, 'KWD'), 10)).toEqual(money(501, 'KWD'));
  });
});
