// The Hono context every router shares: the database and the configuration, opened once per request.
import type { Context, MiddlewareHandler } from 'hono';
import { type Config, type Env, readConfig } from '../env';
import { type Db, openDb } from '../store/db';

export type AppEnv = {
  Bindings: Env;
  Variables: { db: Db; config: Config };
};

export type AppContext = Context<AppEnv>;

export const withDb: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('db', openDb(c.env.DB));
  c.set('config', readConfig(c.env, c.req.url));
  await next();
};

/**
 * How this request may read other people's pages (worker/outbound): loopback sites only while
 * this Kudos itself runs on a developer's machine (LOCAL_DEV and a loopback host).
 */
export function pageReading(c: AppContext): { allowLoopback: boolean } {
  return { allowLoopback: c.get('config').runsLocally };
}
