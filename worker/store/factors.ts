// Second factors: passkeys, TOTP secrets, recovery codes, WebAuthn challenges and the pending
// second step of a sign-in.
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { passkeys, pendingSignIns, recoveryCodes, totpSecrets, webauthnChallenges } from '../../schema/tables';
import type { Db } from './db';

export type Passkey = typeof passkeys.$inferSelect;
export type ChallengePurpose = (typeof webauthnChallenges.$inferSelect)['purpose'];

/** Which second factors a person has on. */
export interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export async function factorsOf(db: Db, accountId: number): Promise<Factors> {
  const row = await db.get<{ totp: number; passkeys: number; recovery: number }>(sql`SELECT
      EXISTS (SELECT 1 FROM totp_secrets WHERE account_id = ${accountId} AND confirmed_at IS NOT NULL) AS totp,
      (SELECT count(*) FROM passkeys WHERE account_id = ${accountId}) AS passkeys,
      (SELECT count(*) FROM recovery_codes WHERE account_id = ${accountId} AND used_at IS NULL) AS recovery`);
  return { totp: row.totp === 1, passkeys: row.passkeys, recoveryCodesLeft: row.recovery };
}

export const hasSecondFactor = (f: Factors) => f.totp || f.passkeys > 0;

// --- passkeys --------------------------------------------------------------------------------

export async function passkeysOf(db: Db, accountId: number): Promise<Passkey[]> {
  return db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(passkeys.createdAt).all();
}

export async function passkeyById(db: Db, credentialId: string): Promise<Passkey | undefined> {
  return db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).get();
}

export async function addPasskey(db: Db, passkey: typeof passkeys.$inferInsert): Promise<void> {
  await db.insert(passkeys).values(passkey).run();
}

export async function markPasskeyUsed(db: Db, credentialId: string, counter: number, now = Date.now()): Promise<void> {
  await db.update(passkeys).set({ counter, lastUsedAt: now }).where(eq(passkeys.credentialId, credentialId)).run();
}

/** Removes one of the person's passkeys; false when they have none by that id. */
export async function removePasskey(db: Db, accountId: number, credentialId: string): Promise<boolean> {
  const gone = await db
    .delete(passkeys)
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.credentialId, credentialId)))
    .returning({ id: passkeys.credentialId })
    .all();
  return gone.length > 0;
}

// --- challenges ------------------------------------------------------------------------------

export async function saveChallenge(db: Db, challenge: string, purpose: ChallengePurpose, accountId: number | null, expiresAt: number, now = Date.now()) {
  await db.batch([
    // Expired challenges are swept as new ones come, so the table stays small.
    db.delete(webauthnChallenges).where(lte(webauthnChallenges.expiresAt, now)),
    db.insert(webauthnChallenges).values({ challenge, purpose, accountId, expiresAt }),
  ]);
}

/** Spends a challenge: true once, if it was handed out for this purpose (and person) and has not expired. */
export async function spendChallenge(db: Db, challenge: string, purpose: ChallengePurpose, accountId: number | null, now = Date.now()): Promise<boolean> {
  const spent = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        accountId === null ? isNull(webauthnChallenges.accountId) : eq(webauthnChallenges.accountId, accountId),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge })
    .all();
  return spent.length > 0;
}

// --- TOTP ------------------------------------------------------------------------------------

export async function totpOf(db: Db, accountId: number) {
  return db.select().from(totpSecrets).where(eq(totpSecrets.accountId, accountId)).get();
}

/** A new, unconfirmed secret; replaces an unconfirmed one, never a confirmed one. False if one is on. */
export async function startTotp(db: Db, accountId: number, secret: string): Promise<boolean> {
  const rows = await db
    .insert(totpSecrets)
    .values({ accountId, secret })
    .onConflictDoUpdate({ target: totpSecrets.accountId, set: { secret, lastStep: 0 }, setWhere: isNull(totpSecrets.confirmedAt) })
    .returning({ id: totpSecrets.accountId })
    .all();
  return rows.length > 0;
}

/**
 * Accepts the code of time step `step` once: true only if no code of this or a later step was
 * accepted before (so a code seen over a shoulder cannot be replayed), confirming the secret.
 */
export async function acceptTotpStep(db: Db, accountId: number, step: number, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(totpSecrets)
    .set({ lastStep: step, confirmedAt: sql`coalesce(${totpSecrets.confirmedAt}, ${now})` })
    .where(and(eq(totpSecrets.accountId, accountId), sql`${totpSecrets.lastStep} < ${step}`))
    .returning({ id: totpSecrets.accountId })
    .all();
  return rows.length > 0;
}

export async function removeTotp(db: Db, accountId: number): Promise<void> {
  await db.delete(totpSecrets).where(eq(totpSecrets.accountId, accountId)).run();
}

// --- recovery codes --------------------------------------------------------------------------

/** Replaces every recovery code of the person with these (hashes). */
export async function replaceRecoveryCodes(db: Db, accountId: number, hashes: string[]): Promise<void> {
  await db.batch([
    db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)),
    db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ accountId, codeHash }))),
  ]);
}

/** Spends a recovery code: true once. */
export async function spendRecoveryCode(db: Db, accountId: number, codeHash: string, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ hash: recoveryCodes.codeHash })
    .all();
  return rows.length > 0;
}

// --- the second step of a sign-in ------------------------------------------------------------

export async function startPendingSignIn(db: Db, tokenHash: string, accountId: number, expiresAt: number, now = Date.now()): Promise<void> {
  await db.batch([db.delete(pendingSignIns).where(lte(pendingSignIns.expiresAt, now)), db.insert(pendingSignIns).values({ tokenHash, accountId, expiresAt })]);
}

export async function pendingSignIn(db: Db, tokenHash: string, now = Date.now()) {
  return db
    .select()
    .from(pendingSignIns)
    .where(and(eq(pendingSignIns.tokenHash, tokenHash), gt(pendingSignIns.expiresAt, now)))
    .get();
}

export async function endPendingSignIn(db: Db, tokenHash: string): Promise<void> {
  await db.delete(pendingSignIns).where(eq(pendingSignIns.tokenHash, tokenHash)).run();
}
