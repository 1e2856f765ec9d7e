// Months are UTC calendar months written "YYYY-MM"; clicks, budgets and settlements use them.

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): text is Month {
  return MONTH.test(text);
}

export function monthOf(time: Date | number): Month {
  const d = new Date(time);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Milliseconds at 00:00 UTC on the first day of the month. */
export function monthStart(month: Month): number {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, mon - 1, 1);
}

export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return monthOf(Date.UTC(year, mon - 1 + count, 1));
}

/** The month a cron firing at `time` settles: the one that ended before it. */
export function monthToSettle(time: number): Month {
  return addMonths(monthOf(time), -1);
}

export function hasEnded(month: Month, now: number): boolean {
  return monthStart(addMonths(month, 1)) <= now;
}

/** A number that grows by one each month; the split rotates its leftover cents by it. */
export function monthIndex(month: Month): number {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return year * 12 + (mon - 1);
}
