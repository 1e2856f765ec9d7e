// A person's ledger read as movements: one row per transaction that touched their balance.
import { sql } from 'drizzle-orm';
import type { Movement } from '../domain/movements';
import type { Db } from './db';

interface Row {
  transactionId: number;
  transactionKind: string;
  month: string | null;
  at: number;
  amountCents: number;
  legs: string;
  counterparty: string | null;
  sharesCount: number | null;
  shareMinCents: number | null;
  shareMaxCents: number | null;
  thingTitle: string | null;
  thingsCount: number;
}

/**
 * Movements of `accountId` whose time lies in [fromMs, untilMs), newest first. The giver's
 * settlement also counts the share legs of the other side (same transaction), so its sentence
 * can say "to each of 10 things".
 */
export async function movementsOf(db: Db, accountId: number, fromMs = 0, untilMs = Number.MAX_SAFE_INTEGER): Promise<Movement[]> {
  const rows = await db.all<Row>(sql`
    WITH mine AS (
      SELECT e.transaction_id AS transactionId, min(e.created_at) AS at, sum(e.amount_cents) AS amountCents,
        json_group_array(json_array(e.kind, e.amount_cents)) AS legs,
        max(e.counterparty_id) AS counterpartyId, min(e.thing_id) AS thingId, count(DISTINCT e.thing_id) AS thingsCount
      FROM ledger_entries e
      WHERE e.account_id = ${accountId} AND e.created_at >= ${fromMs} AND e.created_at < ${untilMs}
      GROUP BY e.transaction_id
    )
    SELECT m.transactionId, t.kind AS transactionKind, t.month AS month, m.at, m.amountCents, m.legs, m.thingsCount,
      (SELECT a.handle FROM accounts a WHERE a.id = m.counterpartyId) AS counterparty,
      (SELECT th.title FROM things th WHERE th.id = m.thingId) AS thingTitle,
      s.sharesCount, s.shareMinCents, s.shareMaxCents
    FROM mine m
    JOIN ledger_transactions t ON t.id = m.transactionId
    LEFT JOIN (
      SELECT transaction_id, count(*) AS sharesCount, min(amount_cents) AS shareMinCents, max(amount_cents) AS shareMaxCents
      FROM ledger_entries WHERE kind = 'share' AND account_id <> ${accountId} AND transaction_id IN (SELECT transactionId FROM mine)
      GROUP BY transaction_id
    ) s ON s.transaction_id = m.transactionId
    ORDER BY m.transactionId DESC`);
  return rows.map((r) => ({
    ...r,
    legs: sumLegs(r.legs),
    sharesCount: r.sharesCount ?? 0,
    shareMinCents: r.shareMinCents ?? 0,
    shareMaxCents: r.shareMaxCents ?? 0,
  }));
}

/** [[kind, cents], …] → cents summed per kind (a person may have several legs of one kind). */
function sumLegs(json: string): Record<string, number> {
  const legs: Record<string, number> = {};
  for (const [kind, cents] of JSON.parse(json) as [string, number][]) legs[kind] = (legs[kind] ?? 0) + cents;
  return legs;
}

/** The UTC months ("YYYY-MM") in which this person has movements, newest first. */
export async function movementMonths(db: Db, accountId: number): Promise<string[]> {
  const rows = await db.all<{ month: string }>(sql`
    SELECT DISTINCT strftime('%Y-%m', created_at / 1000, 'unixepoch') AS month FROM ledger_entries
    WHERE account_id = ${accountId} ORDER BY month DESC`);
  return rows.map((r) => r.month);
}
