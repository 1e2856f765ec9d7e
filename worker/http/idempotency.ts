// The `Idempotency-Key` header on money-moving POSTs: the same key twice books once and answers
// the same, status and body, as Stripe's API does.
import { Refusal, refuse } from '../domain/refusal';
import { type Claim, claimKey, type IdempotencyScope, releaseKey, saveAnswer } from '../store/idempotency';
import type { AppContext } from './context';
import { STATUS_OF, errorBody } from './errors';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** The request's Idempotency-Key, checked; undefined when it sent none. */
export function idempotencyKey(c: AppContext): string | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw refuse('invalid_field', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  return key;
}

/**
 * Runs `work` once per (person, route, key): a repeat gets the stored answer, refusals included;
 * `onRepeat` may finish what the first request left under way (a payout's transfer).
 */
export async function once(
  c: AppContext,
  scope: Omit<IdempotencyScope, 'key'>,
  key: string | undefined,
  work: () => Promise<JsonAnswer>,
  onRepeat?: () => Promise<void>,
): Promise<Response> {
  if (key === undefined) return send(c, await work());
  const db = c.get('db');
  const full = { ...scope, key };
  const claim: Claim = await claimKey(db, full, await sha256(await c.req.text()));
  if (claim.kind === 'other_request') throw refuse('idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
  if (claim.kind === 'in_flight') throw refuse('idempotency_conflict', 'A request with this Idempotency-Key is still being processed; retry later.');
  if (claim.kind === 'answered') {
    await onRepeat?.();
    return c.body(claim.body, claim.status as 200, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
  }
  let answer: JsonAnswer;
  try {
    answer = await work();
  } catch (error) {
    if (!(error instanceof Refusal)) {
      await releaseKey(db, full);
      throw error;
    }
    answer = { status: STATUS_OF[error.code], body: errorBody(error.code, error.message) };
  }
  await saveAnswer(db, full, answer.status, JSON.stringify(answer.body));
  return send(c, answer);
}

function send(c: AppContext, answer: JsonAnswer): Response {
  return c.json(answer.body, answer.status as 200);
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
