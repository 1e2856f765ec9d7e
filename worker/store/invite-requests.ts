// Invite requests.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { accounts, inviteRequests, invites } from '../../schema/tables';
import type { Db } from './db';

export type InviteRequest = typeof inviteRequests.$inferSelect;

/** At most this many waiting requests name one person: their dashboard lists them all. */
export const MAX_WAITING_NAMING = 20;

export async function addInviteRequest(db: Db, request: { email: string; note: string; inviterHandle: string | null }): Promise<void> {
  // One waiting request per email is enough: asking twice changes nothing (and says nothing).
  // Past MAX_WAITING_NAMING requests naming the same person, a new one goes to the admin instead
  // (the inviter is dropped), so nobody can bury a person's dashboard under strangers' notes.
  await db.run(sql`INSERT INTO invite_requests (email, note, inviter_handle)
    SELECT ${request.email}, ${request.note},
           CASE WHEN (SELECT count(*) FROM invite_requests WHERE inviter_handle = ${request.inviterHandle} AND invite_code IS NULL) < ${MAX_WAITING_NAMING}
                THEN ${request.inviterHandle} END
    WHERE NOT EXISTS (SELECT 1 FROM invite_requests WHERE email = ${request.email} AND invite_code IS NULL)`);
}

/** Requests for the admin, newest first, each saying whether the email already has an account. */
export async function listInviteRequests(db: Db, limit = 100) {
  return db
    .select({
      id: inviteRequests.id,
      email: inviteRequests.email,
      note: inviteRequests.note,
      inviterHandle: inviteRequests.inviterHandle,
      inviteCode: inviteRequests.inviteCode,
      sentAt: inviteRequests.sentAt,
      createdAt: inviteRequests.createdAt,
      hasAccount: sql<number>`${accounts.id} IS NOT NULL`,
    })
    .from(inviteRequests)
    .leftJoin(accounts, eq(accounts.email, inviteRequests.email))
    .orderBy(desc(inviteRequests.id))
    .limit(limit)
    .all();
}

/** Waiting requests that name this person as the one who may invite them. */
export async function requestsNaming(db: Db, handle: string) {
  return db
    .select({ id: inviteRequests.id, email: inviteRequests.email, note: inviteRequests.note, createdAt: inviteRequests.createdAt })
    .from(inviteRequests)
    .where(and(eq(inviteRequests.inviterHandle, handle), isNull(inviteRequests.inviteCode)))
    .orderBy(inviteRequests.id)
    .all();
}

export async function findInviteRequest(db: Db, id: number): Promise<InviteRequest | undefined> {
  return db.select().from(inviteRequests).where(eq(inviteRequests.id, id)).get();
}

/** Answers a waiting request with `code`; false when it was answered meanwhile. */
export async function answerRequest(db: Db, id: number, code: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .update(inviteRequests)
    .set({ inviteCode: code, sentAt: now })
    .where(and(eq(inviteRequests.id, id), isNull(inviteRequests.inviteCode)))
    .run();
  return result.meta.changes === 1;
}

/** One of the person's codes that nobody used and no request was sent yet. */
export async function spareInviteOf(db: Db, ownerId: number): Promise<string | undefined> {
  const row = await db
    .select({ code: invites.code })
    .from(invites)
    .where(and(eq(invites.ownerId, ownerId), isNull(invites.usedBy), sql`NOT EXISTS (SELECT 1 FROM invite_requests r WHERE r.invite_code = ${invites.code})`))
    .orderBy(invites.createdAt, invites.code)
    .get();
  return row?.code;
}
