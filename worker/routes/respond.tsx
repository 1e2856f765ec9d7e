// How routes answer a person's browser: a page in the reader's language, with the pages' CSP
// and never cached (every page may be personal), and the one way a page's form is refused:
// back where it came from with the refusal in the reader's words, or the form again with what
// was typed. A page for members asked by nobody signed in goes to the sign-in page and comes
// back (routes/site-errors.ts).
import { exponentOf, MAX_CENTS, money, moneyToInput, parseMoney } from '../domain/money';
import { Refusal, type RefusalCode } from '../domain/refusal';
import { formatCents } from '../views/format';
import type { AppContext } from '../http/context';
import { STATUS_OF } from '../http/errors';
import { redirectWithFlash } from '../http/flash';
import type { z } from '@hono/zod-openapi';
import { readForm } from '../http/form';
import { formAs } from '../http/schemas';
import { siteLang } from '../http/lang';
import { CSP } from '../http/security-headers';
import { currentAccount } from '../http/session';
import type { Account } from '../store/accounts';
import { type PageProps, renderPage } from '../views/layout';
import { SITE_WORDS, type SiteWords } from '../views/words';

const PAGE_STATUSES = [200, 400, 401, 403, 404, 409, 410, 413, 422, 429, 500] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

export function sendPage(c: AppContext, page: PageProps, status: PageStatus = 200) {
  c.header('Content-Security-Policy', CSP.page);
  c.header('Cache-Control', 'no-store');
  return c.html(renderPage(page, siteLang(c), new URL(c.req.url)), status);
}

/** The site's words in the reader's language. */
export function wordsOf(c: AppContext): SiteWords {
  return SITE_WORDS[siteLang(c)];
}

/** A refusal a page writes in its reader's words. */
export function refuseIn(c: AppContext, code: RefusalCode, text: string): Refusal {
  return new Refusal(code, text, siteLang(c));
}

/**
 * What a page says about a refusal: its own sentence when it is in the reader's language (every
 * English one, and those a page wrote with `refuseIn`), otherwise what its code means, in words.
 */
export function refusalSaid(c: AppContext, error: Refusal): string {
  const w = wordsOf(c);
  return error.lang === w.lang ? error.message : w.refused[error.code];
}

/** The status a page refused with `error` answers: the API's, where a page can have it. */
function pageStatusOf(error: Refusal): PageStatus {
  const status = STATUS_OF[error.code];
  return (PAGE_STATUSES as readonly number[]).includes(status) ? (status as PageStatus) : 400;
}

/** Nobody is signed in on a page for members: the sign-in page, then `back` (site-errors.ts). */
export class SignInFirst extends Refusal {
  constructor(readonly back: string) {
    super('unauthorized', 'Sign in first.');
  }
}

/** The signed-in person; otherwise the sign-in page, coming back to `back` (this page by default). */
export async function signedIn(c: AppContext, back?: string): Promise<Account> {
  const me = await currentAccount(c);
  if (me) return me;
  const url = new URL(c.req.url);
  throw new SignInFirst(back ?? url.pathname + url.search);
}

/**
 * A member's form that goes back to `back` with a message: what `act` said, or why it was
 * refused, in the reader's words. A rate limit is no message but the 429 page with Retry-After.
 * The form is read with `schema` (http/schemas.ts "page forms"); null leaves the body to `act`
 * (a file upload) or says the form sends nothing but its button.
 */
export function formAction<T extends z.ZodType | null>(
  back: string | ((c: AppContext) => string),
  schema: T,
  act: (c: AppContext, me: Account, form: T extends z.ZodType ? z.infer<T> : undefined) => Promise<string | Response>,
) {
  return async (c: AppContext) => {
    const to = typeof back === 'string' ? back : back(c);
    const me = await signedIn(c, to);
    // Outside the try: a malformed or huge body is the 4xx page, not a message.
    const fields = schema ? await readForm(c) : undefined;
    try {
      const form = (schema && fields ? formAs(schema, fields) : undefined) as T extends z.ZodType ? z.infer<T> : undefined;
      const result = await act(c, me, form);
      return result instanceof Response ? result : redirectWithFlash(c, to, { kind: 'ok', text: result });
    } catch (error) {
      if (!(error instanceof Refusal) || error.code === 'rate_limited') throw error;
      return redirectWithFlash(c, to, { kind: 'error', text: refusalSaid(c, error) });
    }
  };
}

/**
 * Runs a form's `act`; refused, the form is shown `again` with what was typed and the refusal
 * in the reader's words, under its status. A rate limit is the 429 page instead.
 */
export async function orShowAgain(
  c: AppContext,
  act: () => Promise<Response>,
  again: (said: string, status: PageStatus, error: Refusal) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof Refusal) || error.code === 'rate_limited') throw error;
    return again(refusalSaid(c, error), pageStatusOf(error), error);
  }
}

/** An amount typed in the configured currency, in its minor units (cents, yen, fils). */
export function amountOf(c: AppContext, text: string, name: 'budget' | 'amount', { min }: { min: number }): number {
  const currency = c.get('config').currency;
  const w = wordsOf(c).fields;
  const amount = parseMoney(text, currency)?.cents ?? null;
  // A well-written amount that is too large says the maximum, not how to write an amount.
  if ((amount === null && /^\s*\d{10,}([.,]\d*)?\s*$/.test(text)) || (amount !== null && amount > MAX_CENTS)) {
    const max = formatCents(MAX_CENTS, currency);
    throw refuseIn(c, 'out_of_range', name === 'budget' ? w.budgetAtMost(max) : w.transferAtMost(max));
  }
  if (amount === null || amount < min) {
    const five = moneyToInput(money(5 * 10 ** exponentOf(currency), currency));
    throw refuseIn(c, 'invalid_field', w.amountLike(five === '5' ? '5' : `5 or ${five}`));
  }
  return amount;
}
