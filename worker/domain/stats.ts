// The creator stats page's numbers, shaped from one query's rows by pure functions, so the
// charts, the table and the CSV are sums of the very same rows and cannot disagree.
import { addMonths, monthOf } from './month';

/**
 * One thing's kudos on one UTC day. `earningsCents` is the sum of the ledger's 'share' entries
 * booked for those clicks: a share entry is the settlement of exactly one click (owner, giver
 * as counterparty, thing, month — the click's primary key), so joining them attributes every
 * cent of earnings to the day its kudos was given, and the totals equal the ledger's shares.
 * Clicks of a month not settled yet have no share: they count 0 cents until the monthly run.
 */
export interface DayThingRow {
  day: string;
  thingId: number;
  clicks: number;
  settledClicks: number;
  earningsCents: number;
  firstAt: number;
  lastAt: number;
}

/** One bar of a chart: what the stats page draws (views/chart.ts). */
export interface Bar {
  /** The x-axis label, e.g. "2026-11" or "2026-11-24". */
  label: string;
  /** A whole number (clicks, cents). */
  value: number;
}

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 731;

export interface DateRange {
  /** First day, "YYYY-MM-DD" (UTC), included. */
  from: string;
  /** Last day, included. */
  to: string;
  fromMs: number;
  /** Midnight after `to`: the range is [fromMs, untilMs). */
  untilMs: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(text: string | undefined): number | null {
  const match = DAY.exec(text ?? '');
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dayOf(ms) === text ? ms : null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The range asked for, or the default: from the 1st of the month two months ago to today.
 * A reversed range is turned round; a range longer than two years is cut to its last two.
 */
export function readRange(from: string | undefined, to: string | undefined, now: number): DateRange {
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const defaultFrom = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 2, 1);
  let start = parseDay(from) ?? defaultFrom;
  let end = parseDay(to) ?? today;
  if (start > end) [start, end] = [end, start];
  if ((end - start) / DAY_MS + 1 > MAX_RANGE_DAYS) start = end - (MAX_RANGE_DAYS - 1) * DAY_MS;
  return { from: dayOf(start), to: dayOf(end), fromMs: start, untilMs: end + DAY_MS };
}

export interface Series {
  clicks: Bar[];
  earnings: Bar[];
}

/** One bar per day of the range, empty days included, so the x axis is true to time. */
export function perDay(rows: readonly DayThingRow[], range: DateRange): Series {
  const clicks = new Map<string, number>();
  const earnings = new Map<string, number>();
  for (const row of rows) {
    clicks.set(row.day, (clicks.get(row.day) ?? 0) + row.clicks);
    earnings.set(row.day, (earnings.get(row.day) ?? 0) + row.earningsCents);
  }
  const series: Series = { clicks: [], earnings: [] };
  for (let ms = range.fromMs; ms < range.untilMs; ms += DAY_MS) {
    const day = dayOf(ms);
    series.clicks.push({ label: day, value: clicks.get(day) ?? 0 });
    series.earnings.push({ label: day, value: earnings.get(day) ?? 0 });
  }
  return series;
}

/** One bar per calendar month touched by the range. */
export function perMonth(rows: readonly DayThingRow[], range: DateRange): Series {
  const clicks = new Map<string, number>();
  const earnings = new Map<string, number>();
  for (const row of rows) {
    const month = row.day.slice(0, 7);
    clicks.set(month, (clicks.get(month) ?? 0) + row.clicks);
    earnings.set(month, (earnings.get(month) ?? 0) + row.earningsCents);
  }
  const series: Series = { clicks: [], earnings: [] };
  const last = monthOf(range.untilMs - 1);
  for (let month = monthOf(range.fromMs); ; month = addMonths(month, 1)) {
    series.clicks.push({ label: month, value: clicks.get(month) ?? 0 });
    series.earnings.push({ label: month, value: earnings.get(month) ?? 0 });
    if (month === last) break;
  }
  return series;
}

export interface ThingInfo {
  id: number;
  title: string;
  url: string;
}

export interface ThingStats extends ThingInfo {
  clicks: number;
  /** Clicks whose month is settled; the rest still wait for the monthly run. */
  settledClicks: number;
  earningsCents: number;
  firstAt: number | null;
  lastAt: number | null;
}

/** A row per thing (those without kudos in the range too), most clicked first. */
export function perThing(rows: readonly DayThingRow[], things: readonly ThingInfo[]): ThingStats[] {
  const stats = new Map<number, ThingStats>(things.map((t) => [t.id, { ...t, clicks: 0, settledClicks: 0, earningsCents: 0, firstAt: null, lastAt: null }]));
  for (const row of rows) {
    const s = stats.get(row.thingId);
    if (!s) continue;
    s.clicks += row.clicks;
    s.settledClicks += row.settledClicks;
    s.earningsCents += row.earningsCents;
    s.firstAt = s.firstAt === null ? row.firstAt : Math.min(s.firstAt, row.firstAt);
    s.lastAt = s.lastAt === null ? row.lastAt : Math.max(s.lastAt, row.lastAt);
  }
  return [...stats.values()].sort((a, b) => b.clicks - a.clicks || b.earningsCents - a.earningsCents || a.id - b.id);
}

const CSV_HEADER = ['date', 'month', 'thing_id', 'thing_title', 'thing_url', 'clicks', 'settled_clicks', 'earnings_cents', 'currency'];

/** The rows as CSV (RFC 4180, CRLF), one line per day and thing. */
export function statsCsv(rows: readonly DayThingRow[], things: readonly ThingInfo[], currency: string): string {
  const byId = new Map(things.map((t) => [t.id, t]));
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    const thing = byId.get(row.thingId);
    lines.push(
      [
        row.day,
        row.day.slice(0, 7),
        String(row.thingId),
        thing?.title ?? '',
        thing?.url ?? '',
        String(row.clicks),
        String(row.settledClicks),
        String(row.earningsCents),
        currency,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A text cell made safe for spreadsheets. Text a spreadsheet would run as a formula (a title like
 * "=HYPERLINK(…)") gets an apostrophe in front, and every such cell, and every cell with a
 * separator (",", or ";" that some locales split on), a quote or a line break, is quoted:
 * "x;=1+1" must stay one cell and never become a formula in the next one.
 */
export function csvCell(value: string): string {
  const formula = /^[=+\-@\t\r]/.test(value);
  const safe = formula ? `'${value}` : value;
  return formula || /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
