// The one mapping from refusals to HTTP: every error answer is `{ error: { code, message } }`.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Refusal, type RefusalCode } from '../domain/refusal';
import { RETRY_AFTER_SECONDS } from './rate-limit';

export const STATUS_OF: Record<RefusalCode, ContentfulStatusCode> = {
  invalid_json: 400,
  unsupported_media_type: 415,
  invalid_field: 400,
  out_of_range: 400,
  too_large: 413,
  invalid_form: 400,
  not_found: 404,
  unauthorized: 401,
  cross_site_request: 403,
  csrf: 403,
  rate_limited: 429,
  invalid_token: 401,
  insufficient_scope: 403,
  invite_required: 403,
  invite_invalid: 403,
  handle_taken: 409,
  email_taken: 409,
  already_sent: 409,
  no_invites_left: 422,
  link_invalid: 410,
  wrong_password: 403,
  email_unverified: 403,
  second_factor_required: 401,
  second_factor_invalid: 401,
  second_factor_on: 409,
  passkey_invalid: 400,
  account_closed: 410,
  own_thing: 403,
  no_budget: 402,
  not_funded: 402,
  already_given: 409,
  already_subscribed: 409,
  site_not_verified: 422,
  not_your_thing: 403,
  month_settled: 409,
  insufficient_balance: 422,
  balance_reserved: 422,
  month_not_ended: 422,
  debt_outstanding: 402,
  no_payout_account: 409,
  payments_unavailable: 503,
  idempotency_conflict: 409,
  // Someone else's page: 422, not 502/504, because the person chose the page and can fix it.
  fetch_refused: 422,
  page_timeout: 422,
  page_too_large: 422,
  page_unreachable: 422,
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** How a failure answers, in any format: its status and code, its message, headers it needs. */
export interface Failure {
  status: ContentfulStatusCode;
  code: string;
  /** Null for a failure of ours: its details stay in the log, never in the answer. */
  message: string | null;
  headers: Record<string, string>;
}

/** The one mapping from what went wrong to what the client is told. */
export function failureOf(error: Error): Failure {
  if (error instanceof Refusal) {
    const headers: Record<string, string> = error.code === 'rate_limited' ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {};
    // RFC 6750: a refused token says why in the challenge, so an app knows to refresh or ask again.
    if (error.code === 'invalid_token' || error.code === 'insufficient_scope') headers['WWW-Authenticate'] = `Bearer error="${error.code}"`;
    return { status: STATUS_OF[error.code], code: error.code, message: error.message, headers };
  }
  if (error instanceof HTTPException) {
    // Hono's own middleware (bearer auth, the schema validator's media-type check) refuses with
    // HTTPException; its statuses get the codes our own refusals use for them.
    const status = error.status as ContentfulStatusCode;
    return { status, code: CODE_OF_STATUS[status] ?? 'invalid_field', message: error.message || 'Refused.', headers: {} };
  }
  console.error(error);
  return { status: 500, code: 'internal', message: null, headers: {} };
}

/** The API's answer: the failure as JSON. */
export function onError(error: Error, c: Context) {
  const failure = failureOf(error);
  for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
  return c.json(errorBody(failure.code, failure.message ?? 'Something went wrong on our side.'), failure.status);
}

const CODE_OF_STATUS: Partial<Record<number, RefusalCode>> = {
  400: 'invalid_field',
  401: 'unauthorized',
  413: 'too_large',
  415: 'unsupported_media_type',
};
