// Creators' webhook endpoints and the log of what was sent to them.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { accounts, ledgerEntries, webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import type { Month } from '../domain/month';
import type { WebhookEvent } from '../domain/webhooks';
import type { Db } from './db';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** An endpoint's limit per person: enough for a site and a staging copy. */
export const ENDPOINTS_PER_PERSON = 5;

export async function addEndpoint(db: Db, ownerId: number, url: string, secret: string): Promise<WebhookEndpoint> {
  return (await db.insert(webhookEndpoints).values({ ownerId, url, secret }).returning().get())!;
}

export async function endpointsOf(db: Db, ownerId: number): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.ownerId, ownerId)).orderBy(webhookEndpoints.id).all();
}

/** Removes `ownerId`'s endpoint and its log; says whether there was one. */
export async function removeEndpoint(db: Db, ownerId: number, id: number): Promise<boolean> {
  const mine = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.ownerId, ownerId)))
    .get();
  if (!mine) return false;
  await db.batch([db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)), db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id))]);
  return true;
}

/** Turns a disabled endpoint of `ownerId` on again; says whether there was one. */
export async function enableEndpoint(db: Db, ownerId: number, id: number): Promise<boolean> {
  const done = await db
    .update(webhookEndpoints)
    .set({ disabledAt: null, disabledReason: null })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.ownerId, ownerId)))
    .returning({ id: webhookEndpoints.id })
    .all();
  return done.length > 0;
}

/** The enabled endpoints of the person called `handle`. */
export async function liveEndpointsOfHandle(db: Db, handle: string): Promise<WebhookEndpoint[]> {
  return db
    .select({ endpoint: webhookEndpoints })
    .from(webhookEndpoints)
    .innerJoin(accounts, eq(accounts.id, webhookEndpoints.ownerId))
    .where(and(eq(accounts.handle, handle), isNull(webhookEndpoints.disabledAt)))
    .all()
    .then((rows) => rows.map((r) => r.endpoint));
}

export async function liveEndpointsOf(db: Db, ownerId: number): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.ownerId, ownerId), isNull(webhookEndpoints.disabledAt)))
    .all();
}

/** What each person with a live endpoint got in `month`: their shares, summed. */
export async function monthSharesOfEndpointOwners(db: Db, month: Month): Promise<{ ownerId: number; cents: number; kudos: number }[]> {
  const owners = db.selectDistinct({ id: webhookEndpoints.ownerId }).from(webhookEndpoints).where(isNull(webhookEndpoints.disabledAt));
  return db
    .select({ ownerId: ledgerEntries.accountId, cents: sql<number>`SUM(${ledgerEntries.amountCents})`, kudos: sql<number>`COUNT(*)` })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.accountId, owners), eq(ledgerEntries.month, month), eq(ledgerEntries.kind, 'share')))
    .groupBy(ledgerEntries.accountId)
    .all();
}

/**
 * Keeps one delivery of `event` per endpoint, once per `key`; returns the ids of those new now
 * (an event announced again, by a resumed run, is not sent twice).
 */
export async function addDeliveries(db: Db, rows: { id: string; endpointId: number; event: WebhookEvent; key: string; payload: string }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const added = await db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id }).all();
  return added.map((a) => a.id);
}

/** A delivery still to be made, with where it goes. */
export async function pendingDelivery(db: Db, id: string): Promise<{ delivery: WebhookDelivery; endpoint: WebhookEndpoint } | undefined> {
  return db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')))
    .get();
}

/** One attempt's result; a delivery is `failed` for good once `final`. */
export async function recordAttempt(
  db: Db,
  id: string,
  result: { delivered: boolean; final: boolean; status: number | null; error: string | null; at: number },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      status: result.delivered ? 'delivered' : result.final ? 'failed' : 'pending',
      lastStatus: result.status,
      lastError: result.error,
      deliveredAt: result.delivered ? result.at : null,
    })
    .where(eq(webhookDeliveries.id, id))
    .run();
}

/** Disables an endpoint whose delivery failed every attempt; true if it was enabled until now. */
export async function disableEndpoint(db: Db, id: number, reason: string, at: number): Promise<boolean> {
  const done = await db
    .update(webhookEndpoints)
    .set({ disabledAt: at, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id })
    .all();
  return done.length > 0;
}

/** The latest deliveries to `ownerId`'s endpoints, newest first: the log on their page. */
export async function deliveriesOf(db: Db, ownerId: number, limit = 25): Promise<(WebhookDelivery & { url: string })[]> {
  const rows = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookEndpoints.ownerId, ownerId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit)
    .all();
  return rows.map((r) => ({ ...r.delivery, url: r.url }));
}

/** Removes every endpoint of `ownerId` and its log (their account closes). */
export async function removeEndpointsOf(db: Db, ownerId: number): Promise<void> {
  const mine = db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.ownerId, ownerId));
  await db.batch([
    db.delete(webhookDeliveries).where(inArray(webhookDeliveries.endpointId, mine)),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.ownerId, ownerId)),
  ]);
}
