// Apps people registered on /apps (the OAuth clients themselves live in the provider's KV).
import { and, desc, eq } from 'drizzle-orm';
import { accounts, oauthApps } from '../../schema/tables';
import type { Db } from './db';

export type OwnApp = typeof oauthApps.$inferSelect;

export async function recordApp(db: Db, app: { clientId: string; ownerId: number; name: string }): Promise<void> {
  await db.insert(oauthApps).values(app).run();
}

export async function appsOf(db: Db, ownerId: number): Promise<OwnApp[]> {
  return db.select().from(oauthApps).where(eq(oauthApps.ownerId, ownerId)).orderBy(desc(oauthApps.createdAt)).all();
}

/** Forgets `clientId` if `ownerId` registered it; says whether they had. */
export async function forgetApp(db: Db, ownerId: number, clientId: string): Promise<boolean> {
  const gone = await db
    .delete(oauthApps)
    .where(and(eq(oauthApps.ownerId, ownerId), eq(oauthApps.clientId, clientId)))
    .returning({ clientId: oauthApps.clientId })
    .all();
  return gone.length > 0;
}

/** The handle of whoever registered `clientId` on /apps; undefined for an app that registered itself. */
export async function appOwnerHandle(db: Db, clientId: string): Promise<string | undefined> {
  const row = await db
    .select({ handle: accounts.handle })
    .from(oauthApps)
    .innerJoin(accounts, eq(accounts.id, oauthApps.ownerId))
    .where(eq(oauthApps.clientId, clientId))
    .get();
  return row?.handle;
}

/** Forgets every app `ownerId` registered (their account closes); returns their client ids. */
export async function forgetAppsOf(db: Db, ownerId: number): Promise<string[]> {
  const gone = await db.delete(oauthApps).where(eq(oauthApps.ownerId, ownerId)).returning({ clientId: oauthApps.clientId }).all();
  return gone.map((g) => g.clientId);
}
