// The public JSON API, v1. Thin: read and check the input, call the domain, shape the answer.
import { Hono } from 'hono';
import { MAX_CENTS } from '../domain/money';
import { hasEnded, isMonth, monthOf, type Month } from '../domain/month';
import { HANDLE, MAX_TITLE_LENGTH, MAX_URL_LENGTH, normaliseUrl } from '../domain/rules';
import { optionalString, requiredInteger, requiredString } from '../http/validate';
import { refuse } from '../domain/refusal';
import { buttonState } from '../actions/button-state';
import { readBody } from '../http/body';
import { type AppContext, type AppEnv } from '../http/context';
import { clearSessionCookie, currentAccount, requireAccount, SESSION_COOKIE, setSessionCookie } from '../http/session';
import { giveKudos, thingForButton } from '../actions/give';
import { logIn, signUp } from '../actions/accounts';
import { settleMonth } from '../actions/settle';
import { addFunds, setBudget, withdraw } from '../actions/wallet';
import { forgetCounts } from '../store/counts-cache';
import { endSession, findAccountByHandle, listInvites, mintInvites, setShowGiven, type Account } from '../store/accounts';
import { checkLedger, entriesOf, payoutsOf } from '../store/ledger';
import { clicksOfGiver, findThing, registerThing, thingWithCounts, thingsOfOwner, type Thing } from '../store/things';
import { getCookie } from 'hono/cookie';
import { openApiDocument } from './openapi';

export const api = new Hono<AppEnv>();

const PASSWORD = { min: 8, max: 200 };

api.post('/signup', async (c) => {
  const body = await readBody(c);
  const { account, token } = await signUp(c.get('db'), c.get('config'), {
    handle: requiredString(body, 'handle', { max: 30 }),
    email: requiredString(body, 'email', { max: 254 }),
    password: requiredString(body, 'password', PASSWORD),
    invite: optionalString(body, 'invite', { max: 40 }),
  });
  setSessionCookie(c, token);
  return c.json({ handle: account.handle }, 201);
});

api.post('/login', async (c) => {
  const body = await readBody(c);
  const { account, token } = await logIn(c.get('db'), requiredString(body, 'email', { max: 254 }), requiredString(body, 'password', PASSWORD));
  setSessionCookie(c, token);
  return c.json({ handle: account.handle });
});

api.post('/logout', async (c) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await endSession(c.get('db'), token);
  clearSessionCookie(c);
  return c.json({ ok: true });
});

api.get('/me', async (c) => {
  const me = await requireAccount(c);
  return c.json(await describeMe(c, me));
});

async function describeMe(c: AppContext, me: Account) {
  const invites = await listInvites(c.get('db'), me.id);
  return {
    handle: me.handle,
    email: me.email,
    balance_cents: me.balanceCents,
    monthly_budget_cents: me.monthlyBudgetCents,
    currency: c.get('config').currency,
    min_budget_cents: c.get('config').minBudgetCents,
    show_given: me.showGiven,
    invites: invites.map((i) => ({ code: i.code, used_by: i.usedBy, used_at: i.usedAt })),
  };
}

api.post('/me/deposits', async (c) => {
  const me = await requireAccount(c);
  const amountCents = requiredInteger(await readBody(c), 'amount_cents', { min: 1, max: MAX_CENTS });
  const result = await addFunds(c.get('db'), c.get('config'), me, amountCents);
  if (result.status === 'redirect') return c.json({ status: 'pending', redirect_url: result.url }, 202);
  return c.json({ status: 'completed', provider: result.provider, amount_cents: amountCents, balance_cents: result.balanceCents }, 201);
});

api.put('/me/budget', async (c) => {
  const me = await requireAccount(c);
  const cents = requiredInteger(await readBody(c), 'monthly_budget_cents', { min: 0, max: MAX_CENTS });
  await setBudget(c.get('db'), c.get('config'), me, cents);
  return c.json({ monthly_budget_cents: cents });
});

api.put('/me/settings', async (c) => {
  const me = await requireAccount(c);
  const body = await readBody(c);
  if (typeof body.show_given !== 'boolean') throw refuse('invalid_field', '"show_given" must be true or false.');
  await setShowGiven(c.get('db'), me.id, body.show_given);
  return c.json({ show_given: body.show_given });
});

api.get('/me/ledger', async (c) => {
  const me = await requireAccount(c);
  const month = optionalMonth(c.req.query('month'));
  const entries = await entriesOf(c.get('db'), me.id, month);
  return c.json({
    month: month ?? null,
    currency: c.get('config').currency,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount_cents: e.amountCents,
      month: e.month,
      counterparty: e.counterparty,
      thing: e.thingId === null ? null : { id: e.thingId, title: e.thingTitle, url: e.thingUrl },
      created_at: new Date(e.createdAt).toISOString(),
    })),
  });
});

api.get('/me/clicks', async (c) => {
  const me = await requireAccount(c);
  const month = optionalMonth(c.req.query('month')) ?? monthOf(Date.now());
  const clicks = await clicksOfGiver(c.get('db'), me.id, month);
  return c.json({ month, clicks: clicks.map((k) => ({ thing: { id: k.thingId, title: k.title, url: k.url, owner: k.owner }, created_at: new Date(k.at).toISOString() })) });
});

api.get('/me/things', async (c) => {
  const me = await requireAccount(c);
  const things = await thingsOfOwner(c.get('db'), me.id, monthOf(Date.now()));
  return c.json({ things: things.map(thingJson) });
});

api.post('/me/payouts', async (c) => {
  const me = await requireAccount(c);
  const amountCents = requiredInteger(await readBody(c), 'amount_cents', { min: 1, max: MAX_CENTS });
  await withdraw(c.get('db'), me, amountCents);
  return c.json({ status: 'pending', amount_cents: amountCents, balance_cents: me.balanceCents - amountCents }, 201);
});

api.get('/me/payouts', async (c) => {
  const me = await requireAccount(c);
  const rows = await payoutsOf(c.get('db'), me.id);
  return c.json({ payouts: rows.map((p) => ({ id: p.id, amount_cents: p.amountCents, status: p.status, created_at: new Date(p.createdAt).toISOString() })) });
});

api.post('/things', async (c) => {
  const me = await requireAccount(c);
  const body = await readBody(c);
  const url = normaliseUrl(requiredString(body, 'url', { max: MAX_URL_LENGTH }));
  if (!url) throw refuse('invalid_field', '"url" must be an absolute http(s) URL.');
  const title = requiredString(body, 'title', { max: MAX_TITLE_LENGTH }).trim();
  if (!title) throw refuse('invalid_field', '"title" must not be blank.');
  const thing = await registerThing(c.get('db'), me.id, url, title);
  return c.json({ id: thing.id, url: thing.url, title: thing.title, owner: me.handle }, 201);
});

api.get('/things/:id', async (c) => {
  const thing = await thingWithCounts(c.get('db'), thingId(c.req.param('id')), monthOf(Date.now()));
  if (!thing) throw refuse('not_found', 'No such thing.');
  return c.json(thingJson(thing));
});

/** The button's view of a thing: counts plus what the signed-in viewer may do. */
api.get('/button', async (c) => {
  const owner = c.req.query('owner') ?? '';
  const url = normaliseUrl(c.req.query('url') ?? '');
  if (!HANDLE.test(owner.toLowerCase()) || !url) throw refuse('invalid_field', '"owner" and an absolute "url" are required.');
  const db = c.get('db');
  const ownerAccount = await findAccountByHandle(db, owner.toLowerCase());
  if (!ownerAccount) throw refuse('not_found', `No Kudos account is called "${owner}".`);
  return c.json(await buttonState(db, c.get('config'), await currentAccount(c), ownerAccount, url));
});

api.post('/things/:id/clicks', async (c) => {
  const me = await requireAccount(c);
  const thing = await findThing(c.get('db'), thingId(c.req.param('id')));
  if (!thing) throw refuse('not_found', 'No such thing.');
  return clickAnswer(c, me, thing);
});

api.post('/clicks', async (c) => {
  const me = await requireAccount(c);
  const body = await readBody(c);
  const thing = await thingForButton(
    c.get('db'),
    requiredString(body, 'owner', { max: 30 }),
    requiredString(body, 'url', { max: MAX_URL_LENGTH }),
    optionalString(body, 'title', { max: MAX_TITLE_LENGTH, min: 0 }),
  );
  return clickAnswer(c, me, thing);
});

async function clickAnswer(c: AppContext, me: Account, thing: Thing) {
  const db = c.get('db');
  const { month } = await giveKudos(db, c.get('config'), me, thing);
  const counts = (await thingWithCounts(db, thing.id, month))!;
  // Signed-out buttons read cached counts; drop them so this click shows at once.
  await forgetCounts(c, counts.owner, thing.url);
  return c.json({ thing: thingJson(counts), month }, 201);
}

api.get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));

// --- Admin: bearer token from the ADMIN_TOKEN secret -----------------------------------------

const admin = new Hono<AppEnv>();

admin.use(async (c, next) => {
  const expected = c.get('config').adminToken;
  const given = c.req.header('Authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  if (!expected || !(await sameSecret(given, expected))) throw refuse('unauthorized', 'A valid admin token is required.');
  await next();
});

admin.post('/settlements', async (c) => {
  const month = requiredString(await readBody(c), 'month', { max: 7, pattern: /^\d{4}-\d{2}$/, hint: 'YYYY-MM' });
  if (!isMonth(month)) throw refuse('invalid_field', '"month" must be YYYY-MM.');
  if (!hasEnded(month, Date.now())) throw refuse('month_not_ended', `${month} has not ended yet.`);
  // Stop well inside one request's limits; calling again resumes where this one stopped.
  const run = await settleMonth(c.get('db'), c.get('config'), month, { deadline: Date.now() + 20_000 });
  return c.json(runJson(run), run.stage === 'done' ? 200 : 202);
});

admin.post('/invites', async (c) => {
  const count = requiredInteger(await readBody(c), 'count', { min: 1, max: 100 });
  return c.json({ invites: await mintInvites(c.get('db'), count) }, 201);
});

admin.get('/ledger-check', async (c) => {
  const check = await checkLedger(c.get('db'));
  return c.json({
    sum_of_all_entries: check.sumOfAllEntries,
    unbalanced_transactions: check.unbalancedTransactions,
    accounts_off_balance: check.accountsOffBalance,
  });
});

api.route('/admin', admin);

// --- helpers ---------------------------------------------------------------------------------

export function runJson(run: {
  month: string;
  stage: string;
  peopleSettled: number;
  clicksSettled: number;
  startedAt: number;
  finishedAt: number | null;
  failures?: { handle: string; reason: string; attempts: number }[];
}) {
  return {
    month: run.month,
    stage: run.stage,
    people_settled: run.peopleSettled,
    clicks_settled: run.clicksSettled,
    started_at: new Date(run.startedAt).toISOString(),
    finished_at: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
    // People the run could not settle yet (retried by every later run), by handle.
    failures: (run.failures ?? []).map((f) => ({ handle: f.handle, reason: f.reason, attempts: f.attempts })),
  };
}

function thingJson(t: { id: number; url: string; title: string; owner: string; clicksTotal: number; clicksThisMonth: number }) {
  return { id: t.id, url: t.url, title: t.title, owner: t.owner, clicks_total: t.clicksTotal, clicks_this_month: t.clicksThisMonth };
}

function thingId(param: string): number {
  const id = Number(param);
  if (!/^\d{1,15}$/.test(param) || !Number.isSafeInteger(id)) throw refuse('not_found', 'No such thing.');
  return id;
}

function optionalMonth(text: string | undefined): Month | undefined {
  if (text === undefined || text === '') return undefined;
  if (!isMonth(text)) throw refuse('invalid_field', '"month" must be YYYY-MM.');
  return text;
}

async function sameSecret(a: string, b: string): Promise<boolean> {
  // Compare digests so the comparison takes the same time whatever the inputs.
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ y[i]!;
  return difference === 0;
}

