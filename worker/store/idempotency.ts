// Answers remembered per `Idempotency-Key`: the first request with a key claims it, later ones
// with the same key get the first one's answer (or 409 while it is still running).
import { and, eq, isNull } from 'drizzle-orm';
import { idempotentAnswers } from '../../schema/tables';
import type { Db } from './db';

export type Claim = { kind: 'claimed' } | { kind: 'other_request' } | { kind: 'in_flight' } | { kind: 'answered'; status: number; body: string };

export interface IdempotencyScope {
  accountId: number;
  route: string;
  key: string;
}

/**
 * Claims `key` for this person and route, or says what became of the earlier request with it
 * (`other_request` when that one had another body).
 */
export async function claimKey(db: Db, scope: IdempotencyScope, requestHash: string): Promise<Claim> {
  const inserted = await db
    .insert(idempotentAnswers)
    .values({ ...scope, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotentAnswers.key })
    .all();
  if (inserted.length === 1) return { kind: 'claimed' };
  const row = await db.select().from(idempotentAnswers).where(sameScope(scope)).get();
  if (row && row.requestHash !== requestHash) return { kind: 'other_request' };
  if (!row || row.status === null || row.body === null) return { kind: 'in_flight' };
  return { kind: 'answered', status: row.status, body: row.body };
}

export async function saveAnswer(db: Db, scope: IdempotencyScope, status: number, body: string): Promise<void> {
  await db.update(idempotentAnswers).set({ status, body }).where(sameScope(scope)).run();
}

/** Frees a key whose request died unexpectedly, so a retry can run it (what it booked is keyed too). */
export async function releaseKey(db: Db, scope: IdempotencyScope): Promise<void> {
  await db
    .delete(idempotentAnswers)
    .where(and(sameScope(scope), isNull(idempotentAnswers.status)))
    .run();
}

function sameScope(scope: IdempotencyScope) {
  return and(eq(idempotentAnswers.accountId, scope.accountId), eq(idempotentAnswers.route, scope.route), eq(idempotentAnswers.key, scope.key));
}
