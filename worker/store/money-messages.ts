// What the money messages say: who is due a receipt or an earnings message for a settled month,
// and what it holds. A person is due one while no outbox row carries its key, so the selection
// itself is the resume point: a run that stopped goes on with the people still due.
import { sql } from 'drizzle-orm';
import type { Month } from '../domain/month';
import type { Db } from './db';
import { settlementBooked, settlementKey } from './settlement-key';

export interface Recipient {
  id: number;
  handle: string;
  email: string;
  lang: string;
}

/** Only people whose address is proven and who did not unsubscribe get money messages. */
const reachable = (topic: string) => sql`a.kind = 'person' AND a.email IS NOT NULL AND a.email_verified_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM message_opt_outs o WHERE o.email = a.email AND o.topic = ${topic})`;

export const receiptKey = (month: Month, accountId: number) => `receipt:${month}:${accountId}`;
export const earningsKey = (month: Month, accountId: number) => `earnings:${month}:${accountId}`;

/** Givers the month's settlement booked, due their receipt. */
export async function giversDue(db: Db, month: Month, limit: number): Promise<Recipient[]> {
  return db.all<Recipient>(sql`
    SELECT a.id, a.handle, a.email, a.lang FROM month_pledges p JOIN accounts a ON a.id = p.account_id
    WHERE p.month = ${month} AND p.settled_at IS NOT NULL AND p.reserved_cents > 0
      AND ${settlementBooked(month, sql`a.id`)}
      AND ${reachable('receipt')}
      AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.key = 'receipt:' || ${month} || ':' || a.id)
    ORDER BY a.id LIMIT ${limit}`);
}

/** Creators who received shares in the month, or have shares held for unclaimed things, due their message. */
export async function creatorsDue(db: Db, month: Month, heldId: number, limit: number): Promise<Recipient[]> {
  return db.all<Recipient>(sql`
    SELECT a.id, a.handle, a.email, a.lang FROM accounts a
    WHERE a.id IN (
        SELECT e.account_id FROM ledger_entries e WHERE e.month = ${month} AND e.kind = 'share' AND e.amount_cents > 0
        UNION SELECT t.owner_id FROM ledger_entries e JOIN things t ON t.id = e.thing_id AND NOT t.claimed
          WHERE e.account_id = ${heldId} AND e.month = ${month} AND e.kind = 'share')
      AND ${reachable('earnings')}
      AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.key = 'earnings:' || ${month} || ':' || a.id)
    ORDER BY a.id LIMIT ${limit}`);
}

export interface ReceiptLine {
  kind: 'budget' | 'fee' | 'share';
  cents: number;
  title: string | null;
  owner: string | null;
}

/** The legs of the giver's settlement transaction: their budget and fee, and each share with its thing and owner. */
export async function receiptOf(db: Db, month: Month, giverId: number): Promise<ReceiptLine[]> {
  return db.all<ReceiptLine>(sql`
    SELECT e.kind AS kind, e.amount_cents AS cents, th.title AS title, o.handle AS owner
    FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
      LEFT JOIN things th ON th.id = e.thing_id LEFT JOIN accounts o ON o.id = th.owner_id
    WHERE t.key = ${settlementKey(month, giverId)}
      AND ((e.account_id = ${giverId} AND e.kind IN ('budget', 'fee')) OR e.kind = 'share')
    ORDER BY e.id`);
}

/** What came in for the creator in the month, by giver, and what is held for their unclaimed things now. */
export async function earningsOf(db: Db, month: Month, creatorId: number, heldId: number) {
  const [byGiver, held] = await Promise.all([
    db.all<{ handle: string; cents: number }>(sql`
      SELECT g.handle AS handle, sum(e.amount_cents) AS cents FROM ledger_entries e JOIN accounts g ON g.id = e.counterparty_id
      WHERE e.account_id = ${creatorId} AND e.month = ${month} AND e.kind = 'share' AND g.kind = 'person'
      GROUP BY g.handle ORDER BY cents DESC, g.handle`),
    db.get<{ cents: number }>(sql`
      SELECT coalesce(sum(e.amount_cents), 0) AS cents FROM ledger_entries e JOIN things t ON t.id = e.thing_id
      WHERE e.account_id = ${heldId} AND t.owner_id = ${creatorId} AND NOT t.claimed`),
  ]);
  return { byGiver, heldCents: held?.cents ?? 0 };
}
