// The Worker: HTTP through Hono, and the cron that settles each ended month.
import { Hono } from 'hono';
import { monthToSettle } from './domain/month';
import { type Env, readConfig } from './env';
import { type AppEnv, withDb } from './http/context';
import { sameOriginWrites } from './http/same-origin';
import { api } from './routes/api';
import { badge } from './routes/badge';
import { button } from './routes/button';
import { oembed } from './routes/oembed';
import { pages } from './routes/pages';
import { inviteRequestsApi } from './routes/invite-requests';
import { adminPages } from './routes/admin-pages';
import { buttonSetup } from './routes/button-setup';
import { profilePages } from './routes/profile-pages';
import { siteError, siteNotFound } from './routes/site-errors';
import { settleMonth } from './actions/settle';
import { openDb } from './store/db';

export const app = new Hono<AppEnv>();

app.use(withDb);
app.use(async (c, next) => {
  await next();
  // Only the button may be framed (it sets its own policy); nothing else can be clickjacked.
  if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
});
app.use('/api/*', sameOriginWrites);
app.route('/api/v1', api);
app.route('/api/v1/invite-requests', inviteRequestsApi);
app.route('/', button);
app.route('/', oembed);
app.route('/', badge);
app.route('/', adminPages);
app.route('/', buttonSetup);
app.route('/', profilePages);
app.route('/', pages);
// Pages get a styled page in the reader's language; /api and scripts keep the JSON answers.
app.notFound(siteNotFound);
app.onError(siteError);

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env) {
    // The cron fires hourly on the 1st; each firing settles (or resumes settling) last month,
    // and a month already settled is a no-op. Stop well before the invocation's limit.
    const month = monthToSettle(controller.scheduledTime);
    await settleMonth(openDb(env.DB), readConfig(env), month, { now: controller.scheduledTime, deadline: Date.now() + 10 * 60_000 });
  },
} satisfies ExportedHandler<Env>;
