// Apps people registered on /apps (the OAuth clients themselves live in the provider's KV).
import { and, desc, eq } from 'drizzle-orm';
import { oauthApps } from '../../schema/tables';
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

export async function appByClientId(db: Db, clientId: string): Promise<OwnApp | undefined> {
  return db.select().from(oauthApps).where(eq(oauthApps.clientId, clientId)).get();
}

/** Forgets every app `ownerId` registered (their account closes); returns their client ids. */
export async function forgetAppsOf(db: Db, ownerId: number): Promise<string[]> {
  const gone = await db.delete(oauthApps).where(eq(oauthApps.ownerId, ownerId)).returning({ clientId: oauthApps.clientId }).all();
  return gone.map((g) => g.clientId);
}
