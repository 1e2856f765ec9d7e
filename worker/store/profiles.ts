// What people show on their public profile; the picture itself lives in R2 (the AVATARS bucket).
import { eq, sql } from 'drizzle-orm';
import { profiles } from '../../schema/tables';
import type { Db } from './db';

export type Profile = typeof profiles.$inferSelect;

const NO_PROFILE = { displayName: '', bio: '', links: '', avatarType: null, avatarVersion: 0 } as const;

export async function profileOf(db: Db, accountId: number): Promise<Omit<Profile, 'accountId'>> {
  return (await db.select().from(profiles).where(eq(profiles.accountId, accountId)).get()) ?? NO_PROFILE;
}

export async function saveProfileText(db: Db, accountId: number, text: { displayName: string; bio: string; links: string }): Promise<void> {
  await db
    .insert(profiles)
    .values({ accountId, ...text })
    .onConflictDoUpdate({ target: profiles.accountId, set: text })
    .run();
}

/** Records a new picture's type and bumps its version (the picture's URL changes with it). */
export async function setAvatarType(db: Db, accountId: number, type: string | null): Promise<void> {
  await db
    .insert(profiles)
    .values({ accountId, avatarType: type, avatarVersion: 1 })
    .onConflictDoUpdate({ target: profiles.accountId, set: { avatarType: type, avatarVersion: sql`${profiles.avatarVersion} + 1` } })
    .run();
}
