// Why Kudos says no. Actions throw a Refusal (or return its code); they never speak HTTP.
// worker/http/errors.ts is the one place that turns each code into a status.
import type { SiteLang } from './lang';

export const REFUSAL_CODES = [
  // the request itself
  'invalid_json',
  'unsupported_media_type',
  'invalid_field',
  'out_of_range',
  'too_large',
  'invalid_form',
  'not_found',
  // who asks
  'unauthorized',
  'cross_site_request',
  'csrf',
  'rate_limited',
  // an app's OAuth token: unknown, expired or revoked; or without the scope a route needs
  'invalid_token',
  'insufficient_scope',
  // accounts
  'invite_required',
  'invite_invalid',
  'handle_taken',
  'email_taken',
  'already_sent',
  'no_invites_left',
  'link_invalid',
  'wrong_password',
  'email_unverified',
  // second factors and closing
  'second_factor_required',
  'second_factor_invalid',
  'second_factor_on',
  'passkey_invalid',
  'account_closed',
  // giving
  'own_thing',
  'no_budget',
  'not_funded',
  'already_given',
  'already_subscribed',
  // whose things are whose
  'site_not_verified',
  'not_your_thing',
  'month_settled',
  // money
  'insufficient_balance',
  'balance_reserved',
  'month_not_ended',
  'debt_outstanding',
  'no_payout_account',
  'payments_unavailable',
  'idempotency_conflict',
  // a page on another site Kudos was asked to read (worker/outbound/)
  'fetch_refused',
  'page_timeout',
  'page_too_large',
  'page_unreachable',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /**
     * The language `message` is written in. Actions write English (the API's language); a page
     * that refuses in its reader's words says so, and pages show other refusals by their code
     * in the reader's language (routes/respond.tsx).
     */
    readonly lang: SiteLang = 'en',
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(code: RefusalCode, message: string): Refusal {
  return new Refusal(code, message);
}
