// The outbox: every email Kudos sent or tried to send, and the topics addresses unsubscribed from.
import { and, desc, eq, sql } from 'drizzle-orm';
import { messageOptOuts, outbox } from '../../schema/tables';
import type { Db } from './db';

export type OutboxRow = typeof outbox.$inferSelect;

export interface NewOutboxRow {
  to: string;
  subject: string;
  text: string;
  topic: string;
  accountId: number | null;
  key: string | null;
  raw: string;
  unsubscribeHash: string | null;
}

/**
 * Writes the message before it is sent. With a `key` already used, writes nothing and answers
 * undefined: that message was sent (or is being sent) once already.
 */
export async function addToOutbox(db: Db, row: NewOutboxRow): Promise<number | undefined> {
  const inserted = await db
    .insert(outbox)
    .values({
      toEmail: row.to,
      subject: row.subject,
      body: row.text,
      topic: row.topic,
      accountId: row.accountId,
      key: row.key,
      raw: row.raw,
      unsubscribeHash: row.unsubscribeHash,
    })
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id })
    .get();
  return inserted?.id;
}

/** One delivery tried: its result, and how many have been tried now (this one included). */
export async function recordDelivery(db: Db, id: number, result: { ok: true; at: number } | { ok: false; error: string }): Promise<number> {
  const row = await db
    .update(outbox)
    .set({
      ...(result.ok ? { status: 'sent' as const, sentAt: result.at, error: null } : { status: 'failed' as const, error: result.error.slice(0, 500) }),
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(eq(outbox.id, id))
    .returning({ attempts: outbox.attempts })
    .get();
  return row?.attempts ?? 0;
}

/** A message kept as failed, with what is needed to try it again; undefined once it was sent. */
export async function failedMessage(db: Db, id: number) {
  return db
    .select({ id: outbox.id, to: outbox.toEmail, raw: outbox.raw, attempts: outbox.attempts })
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .get();
}

/** The newest messages first, optionally only those to one address. */
export async function latestOutbox(db: Db, { limit = 20, to }: { limit?: number; to?: string | undefined } = {}): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(to ? eq(outbox.toEmail, to) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}

export async function isOptedOut(db: Db, email: string, topic: string): Promise<boolean> {
  const row = await db
    .select({ topic: messageOptOuts.topic })
    .from(messageOptOuts)
    .where(and(eq(messageOptOuts.email, email), eq(messageOptOuts.topic, topic)))
    .get();
  return row !== undefined;
}

export async function optOutsOf(db: Db, email: string): Promise<string[]> {
  const rows = await db.select({ topic: messageOptOuts.topic }).from(messageOptOuts).where(eq(messageOptOuts.email, email)).all();
  return rows.map((r) => r.topic);
}

/** Sets which of `topics` the address gets: the others are opted out. */
export async function setOptOuts(db: Db, email: string, topics: readonly string[], wanted: readonly string[]): Promise<void> {
  const off = topics.filter((t) => !wanted.includes(t));
  await db.batch([
    db.delete(messageOptOuts).where(eq(messageOptOuts.email, email)),
    ...off.map((topic) => db.insert(messageOptOuts).values({ email, topic }).onConflictDoNothing()),
  ]);
}

/** One-click unsubscribe: the message's address leaves the message's topic. Undefined: no such link. */
export async function unsubscribeByHash(db: Db, hash: string): Promise<{ email: string; topic: string } | undefined> {
  const message = await db.select({ email: outbox.toEmail, topic: outbox.topic }).from(outbox).where(eq(outbox.unsubscribeHash, hash)).get();
  if (!message) return undefined;
  await db.insert(messageOptOuts).values(message).onConflictDoNothing().run();
  return message;
}
