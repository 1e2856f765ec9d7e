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
  confirm_site: 428,
  rate_limited: 429,
  invite_required: 403,
  invite_invalid: 403,
  handle_taken: 409,
  email_taken: 409,
  own_thing: 403,
  no_budget: 402,
  not_funded: 402,
  already_given: 409,
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
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function onError(error: Error, c: Context) {
  if (error instanceof Refusal) {
    if (error.code === 'rate_limited') c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(errorBody(error.code, error.message), STATUS_OF[error.code]);
  }
  if (error instanceof HTTPException) {
    // Hono's own middleware (bearer auth, the schema validator's media-type check) refuses with
    // HTTPException; its statuses get the codes our own refusals use for them.
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(CODE_OF_STATUS[status] ?? 'invalid_field', error.message || 'Refused.'), status);
  }
  console.error(error);
  return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
}

const CODE_OF_STATUS: Partial<Record<number, RefusalCode>> = {
  400: 'invalid_field',
  401: 'unauthorized',
  413: 'too_large',
  415: 'unsupported_media_type',
};
