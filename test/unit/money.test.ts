import { describe, expect, it } from 'vitest';
import { add, formatMoney, min, money, MoneyError, percentOf, subtract } from '../../worker/domain/money';

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
