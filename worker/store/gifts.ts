// One-time gifts and the deposits that pay for them.
import { and, eq, lt, sql } from 'drizzle-orm';
import { accounts, gifts, stripeDeposits, things } from '../../schema/tables';
import type { Db } from './db';

export type Gift = typeof gifts.$inferSelect;

/** The dev provider's deposits have no Checkout Session: their key starts with this. */
export const DEV_GIFT_PREFIX = 'dev:';

export async function recordGift(db: Db, row: { giverId: number; thingId: number; sessionId: string; amountCents: number }): Promise<Gift> {
  return (await db.insert(gifts).values(row).returning().get())!;
}

/** The gifts `giverId` gave, oldest first (their data export). */
export async function giftsOf(db: Db, giverId: number): Promise<Gift[]> {
  return db.select().from(gifts).where(eq(gifts.giverId, giverId)).orderBy(gifts.id).all();
}

export async function giftOfSession(db: Db, sessionId: string): Promise<Gift | undefined> {
  return db.select().from(gifts).where(eq(gifts.sessionId, sessionId)).get();
}

/** A waiting gift made before `before`, with what its deposit is worth now and who would receive it. */
export interface WaitingGift {
  id: number;
  giverId: number;
  thingId: number;
  amountCents: number;
  /** 'due': paid in full; 'void': failed, refunded or disputed; 'open': not paid yet. */
  state: 'due' | 'void' | 'open';
  ownerId: number;
  claimed: boolean;
  giverBalance: number;
}

export async function waitingGifts(db: Db, before: number, limit = 200): Promise<WaitingGift[]> {
  const rows = await db
    .select({
      id: gifts.id,
      giverId: gifts.giverId,
      thingId: gifts.thingId,
      amountCents: gifts.amountCents,
      state: sql<WaitingGift['state']>`CASE
        WHEN ${stripeDeposits.sessionId} IS NULL THEN CASE WHEN ${gifts.sessionId} LIKE ${`${DEV_GIFT_PREFIX}%`} THEN 'due' ELSE 'open' END
        WHEN ${stripeDeposits.status} = 'failed' THEN 'void'
        WHEN ${stripeDeposits.status} = 'paid' AND ${stripeDeposits.bookedCents} >= ${gifts.amountCents} THEN 'due'
        WHEN ${stripeDeposits.status} = 'paid' THEN 'void'
        ELSE 'open' END`,
      ownerId: things.ownerId,
      claimed: things.claimed,
      giverBalance: accounts.balanceCents,
    })
    .from(gifts)
    .leftJoin(stripeDeposits, eq(stripeDeposits.sessionId, gifts.sessionId))
    .innerJoin(things, eq(things.id, gifts.thingId))
    .innerJoin(accounts, eq(accounts.id, gifts.giverId))
    .where(and(eq(gifts.status, 'waiting'), lt(gifts.createdAt, before)))
    .orderBy(gifts.id)
    .limit(limit)
    .all();
  return rows;
}

export function markGift(id: number, status: 'booked' | 'void', month: string | null) {
  return sql`UPDATE gifts SET status = ${status}, booked_month = ${month} WHERE id = ${id} AND status = 'waiting'`;
}

/** What the thank-you message of a gift says, and to whom. */
export async function giftForThanks(db: Db, giftId: number) {
  return db.get<{ amount: number; title: string; owner: string; id: number; email: string | null; lang: string; member: number } | undefined>(sql`
    SELECT g.amount_cents AS amount, t.title, o.handle AS owner, a.id, a.email, a.lang, a.password_hash IS NOT NULL AS member
    FROM gifts g JOIN things t ON t.id = g.thing_id JOIN accounts o ON o.id = t.owner_id JOIN accounts a ON a.id = g.giver_id
    WHERE g.id = ${giftId}`);
}
