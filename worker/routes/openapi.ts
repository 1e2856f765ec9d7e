// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

type Schema = Record<string, unknown>;

const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const ERRORS = {
  '400': 'Bad input: invalid JSON, wrong types, out-of-range amounts, over-long strings.',
  '401': 'Not signed in (or a wrong admin token).',
  '403': 'Not allowed, or a cross-site request that would change something.',
  '404': 'Unknown id, handle or endpoint.',
};

interface Op {
  summary: string;
  body?: Schema;
  ok: [status: string, schema: Schema];
  errors?: Record<string, string>;
  auth?: 'session' | 'admin' | 'none';
  query?: Record<string, Schema>;
}

function op({ summary, body, ok, errors = {}, auth = 'session', query = {} }: Op) {
  const responses: Record<string, unknown> = { [ok[0]]: { description: 'OK', content: { 'application/json': { schema: ok[1] } } } };
  for (const [status, description] of Object.entries({ ...ERRORS, ...errors })) {
    responses[status] = { description, content: { 'application/json': { schema: ref('Error') } } };
  }
  return {
    summary,
    security: auth === 'none' ? [] : [{ [auth]: [] }],
    parameters: Object.entries(query).map(([name, schema]) => ({ name, in: 'query', schema })),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses,
  };
}

const month = str('A UTC calendar month', { pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2026-10' });
const cents = (description: string) => int(description, { minimum: 1, maximum: 100_000_000 });
const thing = obj({ id: int('Thing id'), url: str('Normalised URL'), title: str('Title'), owner: str('Owner handle'), clicks_total: int('All clicks'), clicks_this_month: int('Clicks this UTC month') });
const clickCodes = {
  '402': "no_budget: no budget of at least the minimum; not_funded: a month's first kudos needs at least the minimum budget of unreserved balance.",
  '403': 'Your own thing.',
  '409': 'already_given: already given this month; month_settled: your month is settled already.',
};

export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Kudos API', version: '1.0.0', description: 'Social micro-donations: fund a monthly budget, click Kudos buttons, the budget is split at month end. Amounts are integer cents.' },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kudos_session' },
        admin: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: obj({ error: obj({ code: str('Machine-readable code, e.g. already_given'), message: str('For people') }) }),
        Thing: thing,
      },
    },
    paths: {
      '/signup': { post: op({ summary: 'Create an account (needs an invite while invite-only) and sign in', auth: 'none', body: obj({ handle: str('2-30 of a-z 0-9 _ -'), email: str('Email'), password: str('At least 8 characters'), invite: str('Invite code') }, ['handle', 'email', 'password']), ok: ['201', obj({ handle: str('Handle') })], errors: { '409': 'Handle or email taken.' } }) },
      '/login': { post: op({ summary: 'Sign in; sets the session cookie', auth: 'none', body: obj({ email: str('Email'), password: str('Password') }), ok: ['200', obj({ handle: str('Handle') })] }) },
      '/logout': { post: op({ summary: 'Sign out', ok: ['200', obj({ ok: { type: 'boolean' } })] }) },
      '/me': { get: op({ summary: 'The signed-in account', ok: ['200', obj({ handle: str('Handle'), email: str('Email'), balance_cents: int('Balance'), monthly_budget_cents: int('Budget'), currency: str('ISO 4217'), min_budget_cents: int('Smallest budget'), show_given: { type: 'boolean' }, invites: { type: 'array', items: obj({ code: str('Code'), used_by: str('Handle or null'), used_at: int('ms or null') }) } })] }) },
      '/me/deposits': { post: op({ summary: 'Add funds through the payment provider (dev: at once)', body: obj({ amount_cents: cents('Amount') }), ok: ['201', obj({ status: str('completed'), provider: str('Provider'), amount_cents: int('Amount'), balance_cents: int('New balance') })] }) },
      '/me/budget': { put: op({ summary: 'Set the monthly budget (0 stops giving)', body: obj({ monthly_budget_cents: int('Budget, 0 or at least the minimum') }), ok: ['200', obj({ monthly_budget_cents: int('Budget') })] }) },
      '/me/settings': { put: op({ summary: 'Show or hide what you gave on your public profile', body: obj({ show_given: { type: 'boolean' } }), ok: ['200', obj({ show_given: { type: 'boolean' } })] }) },
      '/me/ledger': { get: op({ summary: 'Your ledger entries, newest first', query: { month }, ok: ['200', obj({ month: str('Month or null'), currency: str('ISO 4217'), entries: { type: 'array', items: obj({ id: int('Entry id'), kind: str('deposit | budget | share | fee | charity | payout'), amount_cents: int('Signed amount'), month, counterparty: str('Handle or null'), thing: obj({ id: int('Id'), title: str('Title'), url: str('URL') }), created_at: str('ISO time') }) } })] }) },
      '/me/clicks': { get: op({ summary: 'What you gave kudos to in a month', query: { month }, ok: ['200', obj({ month, clicks: { type: 'array', items: obj({ thing: ref('Thing'), created_at: str('ISO time') }) } })] }) },
      '/me/things': { get: op({ summary: 'Your things with counts', ok: ['200', obj({ things: { type: 'array', items: ref('Thing') } })] }) },
      '/me/payouts': {
        get: op({ summary: 'Your payout requests', ok: ['200', obj({ payouts: { type: 'array', items: obj({ id: int('Id'), amount_cents: int('Amount'), status: str('pending | paid'), created_at: str('ISO time') }) } })] }),
        post: op({ summary: 'Move money from your balance to a pending payout', body: obj({ amount_cents: cents('Amount') }), ok: ['201', obj({ status: str('pending'), amount_cents: int('Amount'), balance_cents: int('New balance') })], errors: { '422': 'insufficient_balance: more than the balance; balance_reserved: more than the unreserved balance (pledged by this month\'s kudos).' } }),
      },
      '/things': { post: op({ summary: 'Register a thing you own', body: obj({ url: str('http(s) URL'), title: str('Up to 200 characters') }), ok: ['201', obj({ id: int('Id'), url: str('URL'), title: str('Title'), owner: str('Handle') })] }) },
      '/things/{id}': { get: op({ summary: 'A thing with its counts', auth: 'none', ok: ['200', ref('Thing')] }) },
      '/things/{id}/clicks': { post: op({ summary: 'Give kudos to a thing', ok: ['201', obj({ thing: ref('Thing'), month })], errors: clickCodes }) },
      '/clicks': { post: op({ summary: "Give kudos from a button's parameters, registering the thing on its first click", body: obj({ owner: str('Owner handle'), url: str('http(s) URL'), title: str('Title') }, ['owner', 'url']), ok: ['201', obj({ thing: ref('Thing'), month })], errors: clickCodes }) },
      '/button': { get: op({ summary: "A button's counts and the viewer's status", auth: 'none', query: { owner: str('Owner handle'), url: str('Page URL') }, ok: ['200', obj({ status: str('signed_out | own | no_budget | not_funded | given | ready | month_settled'), thing_id: int('Id or null'), clicks_total: int('All clicks'), clicks_this_month: int('This month'), viewer: str('Handle or null') })] }) },
      '/admin/settlements': { post: op({ summary: 'Settle an ended month (what the cron runs); 202 while unfinished, call again to resume', auth: 'admin', body: obj({ month }), ok: ['200', obj({ month, stage: str('settling | done'), people_settled: int('People'), clicks_settled: int('Clicks'), started_at: str('ISO'), finished_at: str('ISO or null') })], errors: { '422': 'The month has not ended.' } }) },
      '/admin/invites': { post: op({ summary: 'Mint invite codes owned by nobody', auth: 'admin', body: obj({ count: int('1-100') }), ok: ['201', obj({ invites: { type: 'array', items: str('Code') } })] }) },
      '/admin/ledger-check': { get: op({ summary: "The ledger's invariants", auth: 'admin', ok: ['200', obj({ sum_of_all_entries: int('Always 0'), unbalanced_transactions: { type: 'array', items: int('Id') }, accounts_off_balance: { type: 'array', items: obj({ id: int('Id') }) } })] }) },
    },
  };
}
