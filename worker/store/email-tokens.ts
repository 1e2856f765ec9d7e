// One-time links sent by email (password reset, address verification, a new address to confirm).
import { and, eq, gt, isNull } from 'drizzle-orm';
import { emailTokens } from '../../schema/tables';
import { randomToken, sha256Hex } from '../domain/secrets';
import type { Db } from './db';

export type EmailPurpose = (typeof emailTokens.$inferSelect)['purpose'];
export type EmailToken = typeof emailTokens.$inferSelect;

/** A fresh random token for the link; only its hash is stored. */
export async function issueEmailToken(
  db: Db,
  token: { accountId: number; purpose: EmailPurpose; email: string; ttlMs: number },
  now = Date.now(),
): Promise<string> {
  const secret = randomToken();
  await db
    .insert(emailTokens)
    .values({ tokenHash: await sha256Hex(secret), accountId: token.accountId, purpose: token.purpose, email: token.email, expiresAt: now + token.ttlMs })
    .run();
  return secret;
}

/**
 * Spends a token: one statement marks it used only if it is unused, unexpired and of this
 * purpose, so two uses racing each other cannot both succeed. Undefined: no such usable token.
 */
export async function spendEmailToken(db: Db, secret: string, purpose: EmailPurpose, now = Date.now()): Promise<EmailToken | undefined> {
  return db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(eq(emailTokens.tokenHash, await sha256Hex(secret)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)),
    )
    .returning()
    .get();
}

/** Whether the token could be spent now (the page that asks for a new password checks first). */
export async function emailTokenUsable(db: Db, secret: string, purpose: EmailPurpose, now = Date.now()): Promise<boolean> {
  const row = await db
    .select({ hash: emailTokens.tokenHash })
    .from(emailTokens)
    .where(
      and(eq(emailTokens.tokenHash, await sha256Hex(secret)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)),
    )
    .get();
  return row !== undefined;
}

/** Older unused links of this purpose stop working when a new one is sent or one is used. */
export function voidEmailTokens(db: Db, accountId: number, purpose: EmailPurpose, now = Date.now()) {
  return db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}
