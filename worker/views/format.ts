// How the pages write numbers and times for people.
import { formatMoney, money } from '../domain/money';

/** An amount in the currency's minor units as text for people: (450, 'EUR') → "€4.50", (450, 'JPY') → "¥450". */
export const formatCents = (amount: number, currency: string) => formatMoney(money(amount, currency));

/** "2026-11-24 21:43 UTC": times are shown in UTC, the timezone months are counted in. */
export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
