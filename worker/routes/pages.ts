// The Kudos site's own pages: server-rendered HTML and plain forms (POST → redirect → GET),
// so everything works without JavaScript. Thin like the API: read the form, call the domain.
import { sitesOf } from '../store/claims';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import demo from '../../scripts/demo-people.json';
import { addMonths, isMonth, monthOf, monthStart } from '../domain/month';
import { movementsCsv } from '../domain/movements';
import { HANDLE, readButtonRef } from '../domain/rules';
import { feesSaidUpFront } from '../domain/fees';
import type { AppContext, AppEnv } from '../http/context';
import { sameOriginWrites } from '../http/same-origin';
import { clearSessionCookie, currentAccount, SESSION_COOKIE, setSessionCookie } from '../http/session';
import { checkPassword, logOut, signUp } from '../actions/accounts';
import { requireSecondFactor, startSecondStep } from './second-factor';
import { factorsOf, hasSecondFactor } from '../store/factors';
import { secondFactorOfForm, secondStepPage } from './security-pages';
import { askForInvite, namedInviter, sendInviteAsPerson } from '../actions/invite-requests';
import { sendVerification } from '../actions/recovery';
import { siteLang } from '../http/lang';
import { SUBSCRIPTION_WORDS } from '../views/words/subscriptions';
import { movementsOf } from '../store/movements';
import { profileOf } from '../store/profiles';
import { FAVICON_SVG } from '../views/favicon';
import { notFoundPage } from './site-errors';
import { avatarUrl } from '../domain/profile';
import { addFunds, setBudget, withdraw } from '../actions/wallet';
import { type Account, personByHandle, setShowGiven, startSession } from '../store/accounts';
import { creatorDayThings, thingsOwnedBy } from '../store/stats';
import { clicksOfGiver, findThingByUrl, thingWithCounts, thingsOfOwner } from '../store/things';
import { LoginForm, LogoutForm, SignupForm } from '../views/auth';
import { Dashboard } from '../views/dashboard';
import { dashboardOf } from '../actions/dashboard';
import { monthGives, worthOfKudos } from '../actions/month-gives';
import { givesNotes } from '../views/month-gives';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { readFormAs, safeNext } from '../http/form';
import { AmountForm, BudgetForm, InviteRequestForm, LogInForm, ShowGivenForm, SignUpForm } from '../http/schemas';
import { rateLimit } from '../http/rate-limit';
import { formatCents } from '../views/format';
import { type DemoHint, Landing } from '../views/landing';
import { amountOf, formAction, orShowAgain, refuseIn, sendPage, signedIn, wordsOf } from './respond';
import { ProfilePage } from '../views/profile';
import { StatsPage } from '../views/stats';
import { perDay, perMonth, perThing, readRange, statsCsv } from '../domain/stats';
import { COPY_SCRIPT, STYLESHEET } from '../views/stylesheet';
import { ThingHead, ThingPage, type ThingView } from '../views/thing';
import { verifiableOrigin } from '../domain/site-proof';
import { hasVerifiedSite } from '../store/claims';

export const pages = new Hono<AppEnv>();

const origin = (c: AppContext) => new URL(c.req.url).origin;

// --- assets ----------------------------------------------------------------------------------

pages.get('/assets/kudos.css', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
});

pages.get('/favicon.svg', (c) => {
  c.header('Cache-Control', 'public, max-age=86400');
  return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
});

// Browsers and crawlers ask for /favicon.ico whatever the page says: answer with the same icon.
pages.get('/favicon.ico', (c) => {
  c.header('Cache-Control', 'public, max-age=86400');
  return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
});

pages.get('/assets/copy.js', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(COPY_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
});

// --- landing, sign up, sign in ---------------------------------------------------------------

/**
 * Locally only (Kudos itself on a loopback host) and only when `npm start` seeded them: the demo
 * people, so someone trying Kudos can sign in at once.
 */
async function demoHint(c: AppContext): Promise<DemoHint | undefined> {
  if (!c.get('config').runsLocally) return undefined;
  const found = await Promise.all(demo.people.map((p) => personByHandle(c.get('db'), p.handle)));
  const people = found.filter((a): a is Account => !!a && a.email === `${a.handle}@kudos.local`);
  return people.length ? { people: people.map((a) => ({ handle: a.handle, email: a.email! })), password: demo.password } : undefined;
}

pages.get('/', async (c) => {
  const viewer = await currentAccount(c);
  const w = wordsOf(c);
  const landing = Landing({ viewer, inviteOnly: c.get('config').inviteOnly, w, demo: await demoHint(c), fees: feesSaidUpFront(c.get('config'), w.lang) });
  return sendPage(c, { title: w.titles.landing, viewer, flash: takeFlash(c), children: landing });
});

// The landing page's form. The answer is the same whether the email is known or not.
pages.post('/invite-requests', sameOriginWrites, async (c) => {
  const form = await readFormAs(c, InviteRequestForm);
  const w = wordsOf(c);
  // Over the limit: the styled error page, 429 with Retry-After (routes/site-errors.ts).
  await rateLimit(c, 'invite_request', namedInviter(form.inviter));
  return orShowAgain(
    c,
    async () => {
      await askForInvite(c.get('db'), form);
      return redirectWithFlash(c, '/', { kind: 'ok', text: w.landing.asked });
    },
    (said) => redirectWithFlash(c, '/#ask-invite', { kind: 'error', text: said }),
  );
});

/** A new person goes on to "Get your button" unless they came from somewhere (the button's popup). */
const AFTER_SIGNUP = '/get-your-button';

pages.get('/signup', async (c) => {
  const values = { handle: '', email: '', invite: c.req.query('invite') ?? '' };
  const next = c.req.query('next') ? safeNext(c.req.query('next'), origin(c)) : AFTER_SIGNUP;
  const w = wordsOf(c);
  const form = SignupForm({ inviteOnly: c.get('config').inviteOnly, values, next, w, fees: feesSaidUpFront(c.get('config'), w.lang) });
  return sendPage(c, { title: w.titles.signUp, viewer: await currentAccount(c), children: form });
});

pages.post('/signup', sameOriginWrites, async (c) => {
  const form = await readFormAs(c, SignUpForm);
  const next = c.req.query('next') ? safeNext(c.req.query('next'), origin(c)) : AFTER_SIGNUP;
  const values = { handle: form.handle.trim(), email: form.email.trim(), invite: form.invite.trim() };
  await rateLimit(c, 'sign_up', values.email);
  const w = wordsOf(c);
  return orShowAgain(
    c,
    async () => {
      const { account, token } = await signUp(c.get('db'), c.get('config'), {
        ...values,
        password: form.password,
        invite: values.invite || undefined,
        lang: w.lang,
      });
      setSessionCookie(c, token);
      await sendVerification(c.get('db'), c.get('config').mail, account);
      return redirectWithFlash(c, next, { kind: 'ok', text: w.said.welcome });
    },
    (said, status) => {
      const page = SignupForm({ inviteOnly: c.get('config').inviteOnly, values, next, error: said, w, fees: feesSaidUpFront(c.get('config'), w.lang) });
      return sendPage(c, { title: w.titles.signUp, viewer: undefined, children: page }, status);
    },
  );
});

pages.get('/login', async (c) => {
  const next = safeNext(c.req.query('next'), origin(c));
  // Already signed in (e.g. the button's sign-in popup of a person who is): go straight on.
  if (await currentAccount(c)) return c.redirect(next, 303);
  const w = wordsOf(c);
  return sendPage(c, { title: w.titles.signIn, viewer: undefined, flash: takeFlash(c), children: LoginForm({ next, email: '', w }) });
});

pages.post('/login', sameOriginWrites, async (c) => {
  const form = await readFormAs(c, LogInForm);
  const next = safeNext(c.req.query('next'), origin(c));
  const email = form.email.trim();
  await rateLimit(c, 'sign_in', email);
  const db = c.get('db');
  const w = wordsOf(c);
  return orShowAgain(
    c,
    async () => {
      const account = await checkPassword(db, email, form.password);
      const factors = await factorsOf(db, account.id);
      // A second factor on: the next page asks for it; no session until it is given.
      if (hasSecondFactor(factors)) {
        await startSecondStep(c, account);
        return secondStepPage(c, next, factors.passkeys > 0);
      }
      setSessionCookie(c, await startSession(db, account.id));
      return c.redirect(next, 303);
    },
    (said, status) => sendPage(c, { title: w.titles.signIn, viewer: undefined, children: LoginForm({ next, email, error: said, w }) }, status),
  );
});

pages.get('/logout', async (c) => sendPage(c, { title: wordsOf(c).titles.signOut, viewer: await currentAccount(c), children: LogoutForm({ w: wordsOf(c) }) }));

pages.post('/logout', sameOriginWrites, async (c) => {
  await logOut(c.get('db'), getCookie(c, SESSION_COOKIE));
  clearSessionCookie(c);
  return redirectWithFlash(c, '/', { kind: 'ok', text: wordsOf(c).said.signedOut });
});

// --- dashboard -------------------------------------------------------------------------------

pages.get('/dashboard', async (c) => {
  const me = await signedIn(c);
  const config = c.get('config');
  const asked = c.req.query('tx');
  const data = await dashboardOf(c.get('db'), config, me, Date.now(), asked && isMonth(asked) ? asked : undefined);
  return sendPage(c, {
    title: wordsOf(c).titles.dashboard,
    viewer: me,
    flash: takeFlash(c),
    children: Dashboard({ me, config, data, origin: origin(c), w: wordsOf(c) }),
  });
});

pages.get('/dashboard/transactions.csv', async (c) => {
  const me = await signedIn(c);
  const config = c.get('config');
  const month = c.req.query('month');
  const window = month && isMonth(month) ? [monthStart(month), monthStart(addMonths(month, 1))] : [];
  const movements = await movementsOf(c.get('db'), me.id, ...window);
  c.header('Content-Disposition', `attachment; filename="kudos-transactions-${me.handle}${month && isMonth(month) ? `-${month}` : ''}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(movementsCsv(movements, config.currency, config.charityHandle), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
});

/** Where the dashboard's forms go back to, with what they did or why not. */
const DASHBOARD = '/dashboard';

pages.post(
  '/dashboard/budget',
  sameOriginWrites,
  formAction(DASHBOARD, BudgetForm, async (c, me, form) => {
    const config = c.get('config');
    const budget = amountOf(c, form.budget, 'budget', { min: 0 });
    await setBudget(c.get('db'), config, me, budget);
    if (budget === 0) return wordsOf(c).said.budgetZero;
    // Confirmed with what this month really gives: a budget above the balance gives only the balance.
    const money = (cents: number) => formatCents(cents, config.currency);
    const notes = givesNotes(await monthGives(c.get('db'), config, me.id), money, wordsOf(c));
    return [wordsOf(c).said.budgetSet(money(budget)), ...notes].join(' ');
  }),
);

pages.post(
  '/dashboard/deposit',
  sameOriginWrites,
  formAction(DASHBOARD, AmountForm, async (c, me, form) => {
    const amount = amountOf(c, form.amount, 'amount', { min: 1 });
    const result = await addFunds(c.get('db'), c.get('config'), me, amount);
    if (result.status === 'redirect') return c.redirect(result.url, 303);
    return wordsOf(c).said.added(formatCents(amount, c.get('config').currency));
  }),
);

pages.post(
  '/dashboard/payout',
  sameOriginWrites,
  formAction(DASHBOARD, AmountForm, async (c, me, form) => {
    const amount = amountOf(c, form.amount, 'amount', { min: 1 });
    await requireSecondFactor(c, me, secondFactorOfForm(form));
    const payout = await withdraw(c.get('db'), c.get('config'), me, amount);
    const w = wordsOf(c).said;
    if (payout.status === 'failed') throw refuseIn(c, 'payments_unavailable', w.payoutFailed);
    const money = formatCents(amount, c.get('config').currency);
    return payout.status === 'paid' ? w.payoutSent(money) : w.payoutRequested(money);
  }),
);

pages.post(
  '/dashboard/settings',
  sameOriginWrites,
  formAction(DASHBOARD, ShowGivenForm, async (c, me, form) => {
    const show = form.show_given;
    await setShowGiven(c.get('db'), me.id, show);
    return show ? wordsOf(c).said.showsGiven : wordsOf(c).said.hidesGiven;
  }),
);

pages.post(
  '/dashboard/invite-requests/:id{[0-9]{1,12}}/send',
  sameOriginWrites,
  formAction(DASHBOARD, null, async (c, me) => {
    const { code, email } = await sendInviteAsPerson(c.get('db'), c.get('config').mail, me, Number(c.req.param('id')));
    return wordsOf(c).said.inviteSent(code, email);
  }),
);

// --- creator stats ---------------------------------------------------------------------------

async function loadStats(c: AppContext, me: Account) {
  const range = readRange(c.req.query('from'), c.req.query('to'), Date.now());
  const db = c.get('db');
  const [rows, things] = await Promise.all([creatorDayThings(db, me.id, range.fromMs, range.untilMs, c.get('config').giverShards), thingsOwnedBy(db, me.id)]);
  return { range, rows, things };
}

pages.get('/stats', async (c) => {
  const me = await signedIn(c);
  const { range, rows, things } = await loadStats(c, me);
  const view = {
    me,
    origin: origin(c),
    currency: c.get('config').currency,
    range,
    months: perMonth(rows, range),
    days: perDay(rows, range),
    things: perThing(rows, things),
    w: wordsOf(c),
  };
  return sendPage(c, { title: wordsOf(c).titles.stats, viewer: me, flash: takeFlash(c), children: StatsPage(view) });
});

pages.get('/stats.csv', async (c) => {
  const me = await signedIn(c);
  const { range, rows, things } = await loadStats(c, me);
  c.header('Content-Disposition', `attachment; filename="kudos-stats-${me.handle}-${range.from}-${range.to}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(statsCsv(rows, things, c.get('config').currency), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
});

// --- public pages: profiles and things -------------------------------------------------------

pages.get('/:at{@[A-Za-z0-9_-]+}', async (c) => {
  const handle = c.req.param('at').slice(1).toLowerCase();
  const db = c.get('db');
  const person = HANDLE.test(handle) ? await personByHandle(db, handle) : undefined;
  if (!person) return notFoundPage(c, wordsOf(c).notFound.noHandle);
  const month = monthOf(Date.now());
  const [things, clicked, profile, sites] = await Promise.all([
    thingsOfOwner(db, person.id, month, 'public'),
    person.showGiven ? clicksOfGiver(db, person.id, month, c.get('config').giverShards) : null,
    profileOf(db, person.id),
    sitesOf(db, person.id),
  ]);
  // Things waiting for their owner, or hidden by them, name nobody on a public page.
  const given = clicked === null ? null : clicked.filter((k) => k.claimed && !k.hidden);
  const entered = profile.links ? profile.links.split('\n') : [];
  const view = {
    handle: person.handle,
    displayName: profile.displayName,
    bio: profile.bio,
    // The sites the person proved are theirs first, then the links they entered.
    links: [...new Set([...sites.filter((site) => site.proof !== null).map((site) => site.origin), ...entered])],
    avatarUrl: avatarUrl(person.handle, profile.avatarVersion),
    month,
    things,
    given,
    origin: origin(c),
    w: wordsOf(c),
  };
  const title = profile.displayName ? `${profile.displayName} (@${person.handle})` : `@${person.handle}`;
  return sendPage(c, { title, viewer: await currentAccount(c), children: ProfilePage(view) });
});

pages.get('/thing', async (c) => {
  const ref = readButtonRef(c.req.query('owner'), c.req.query('url'), c.req.query('title'));
  const db = c.get('db');
  const account = ref && (await personByHandle(db, ref.owner));
  if (!ref || !account) return notFoundPage(c, wordsOf(c).notFound.linkNeedsOwner);
  const { url, title } = ref;
  const thing = await findThingByUrl(db, account.id, url);
  if (thing) return sendThing(c, thing.id);
  const siteVerified = await isSiteVerified(db, account.id, url);
  // Not registered yet: a reader's first kudos would register it for the owner to claim.
  return thingPage(c, {
    owner: account.handle,
    url,
    title,
    thingId: null,
    clicksTotal: 0,
    clicksThisMonth: 0,
    origin: origin(c),
    claimed: siteVerified,
    siteVerified,
  });
});

pages.get('/things/:id{[0-9]{1,15}}', (c) => sendThing(c, Number(c.req.param('id'))));

async function sendThing(c: AppContext, id: number) {
  const db = c.get('db');
  const thing = await thingWithCounts(db, id, monthOf(Date.now()));
  if (!thing || thing.hidden) return notFoundPage(c, wordsOf(c).notFound.noThing);
  const owner = (await personByHandle(db, thing.owner))!;
  const siteVerified = await isSiteVerified(db, owner.id, thing.url);
  return thingPage(c, {
    owner: thing.owner,
    url: thing.url,
    title: thing.title,
    thingId: thing.id,
    clicksTotal: thing.clicksTotal,
    clicksThisMonth: thing.clicksThisMonth,
    origin: origin(c),
    claimed: thing.claimed,
    siteVerified,
  });
}

async function isSiteVerified(db: AppContext['var']['db'], ownerId: number, url: string): Promise<boolean> {
  const site = verifiableOrigin(url);
  return site !== null && (await hasVerifiedSite(db, ownerId, site));
}

async function thingPage(c: AppContext, view: Omit<ThingView, 'w'>) {
  const viewer = await currentAccount(c);
  const config = c.get('config');
  let worth: ThingView['worth'];
  if (viewer && viewer.handle !== view.owner) {
    const thing = view.thingId === null ? { alreadyGiven: false } : { thingId: view.thingId };
    worth = { ...(await worthOfKudos(c.get('db'), config, viewer.id, thing)), currency: config.currency, feePercent: config.feePercent };
  }
  const subscribe = worth && view.thingId !== null ? SUBSCRIPTION_WORDS[siteLang(c)] : undefined;
  return sendPage(c, {
    title: view.title,
    viewer,
    flash: takeFlash(c),
    head: ThingHead(view),
    children: ThingPage({ ...view, worth, subscribe, w: wordsOf(c) }),
  });
}
