// The admin's browser sessions: a row per sign-in, deleted when the admin leaves.
import { and, eq, gt, lt } from 'drizzle-orm';
import { adminSessions } from '../../schema/tables';
import type { Db } from './db';

/** Keeps a new session (and forgets expired ones, so the table stays a handful of rows). */
export async function open(db: Db, idHash: string, expiresAt: number, now = Date.now()): Promise<void> {
  await db.batch([db.delete(adminSessions).where(lt(adminSessions.expiresAt, now)), db.insert(adminSessions).values({ idHash, expiresAt })]);
}

export async function isOpen(db: Db, idHash: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .select({ idHash: adminSessions.idHash })
    .from(adminSessions)
    .where(and(eq(adminSessions.idHash, idHash), gt(adminSessions.expiresAt, now)))
    .get();
  return row !== undefined;
}

export async function close(db: Db, idHash: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.idHash, idHash)).run();
}
