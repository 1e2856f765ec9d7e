// The one mapping from refusals to HTTP: every error answer is `{ error: { code, message } }`.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Refusal, type RefusalCode } from '../domain/refusal';

export const STATUS_OF: Record<RefusalCode, ContentfulStatusCode> = {
  invalid_json: 400,
  invalid_field: 400,
  out_of_range: 400,
  too_large: 413,
  not_found: 404,
  unauthorized: 401,
  cross_site_request: 403,
  csrf: 403,
  confirm_site: 428,
  invite_required: 403,
  invite_invalid: 403,
  handle_taken: 409,
  email_taken: 409,
  already_sent: 409,
  no_invites_left: 422,
  own_thing: 403,
  no_budget: 402,
  not_funded: 402,
  already_given: 409,
  insufficient_balance: 422,
  month_not_ended: 422,
  fetch_refused: 422,
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function onError(error: Error, c: Context) {
  if (error instanceof Refusal) return c.json(errorBody(error.code, error.message), STATUS_OF[error.code]);
  if (error instanceof HTTPException) {
    // Hono's own middleware (body limits, bearer auth, CSRF) refuses with HTTPException.
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(codeOfStatus(status), error.message || 'Refused.'), status);
  }
  console.error(error);
  return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
}

function codeOfStatus(status: number): string {
  if (status === 413) return 'too_large';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'bad_request';
}
