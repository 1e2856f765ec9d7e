// The Worker: HTTP through Hono, and the cron that settles each ended month.
import { Hono } from 'hono';
import { type Env, readConfig } from './env';
import { errorBody } from './http/errors';
import { type AppEnv, withDb } from './http/context';
import { onError } from './http/errors';
import { sameOriginWrites } from './http/same-origin';
import { api } from './routes/api';
import { badge } from './routes/badge';
import { button } from './routes/button';
import { oembed } from './routes/oembed';
import { pages } from './routes/pages';
import { CHUNKS_PER_INVOCATION, type SettlementMessage, settleDueMonths, settleQueuedChunks } from './actions/settle';
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
app.route('/', button);
app.route('/', oembed);
app.route('/', badge);
app.route('/', pages);
app.notFound((c) =>
  c.req.path.startsWith('/api/') ? c.json(errorBody('not_found', 'No such endpoint.'), 404) : c.text('Not found', 404),
);
app.onError(onError);

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env) {
    // The cron fires hourly on the 1st; each firing first finishes older months still open, then
    // settles (or resumes) last month; a month already settled is a no-op. With the queue it only
    // plans and fans out; without, it settles inline and stops well before the invocation's limits.
    await settleDueMonths(openDb(env.DB), readConfig(env), controller.scheduledTime, {
      queue: env.SETTLEMENT_QUEUE,
      deadline: Date.now() + 10 * 60_000,
      budget: { chunks: CHUNKS_PER_INVOCATION },
    });
  },
  async queue(batch: MessageBatch<SettlementMessage>, env: Env, _ctx: ExecutionContext) {
    await settleQueuedChunks(openDb(env.DB), readConfig(env), batch);
  },
} satisfies ExportedHandler<Env, SettlementMessage>;
