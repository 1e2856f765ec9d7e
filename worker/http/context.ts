// The Hono context every router shares: the database and the configuration, opened once per request.
import type { Context, MiddlewareHandler } from 'hono';
import { type Config, type Env, readConfig } from '../env';
import { type Db, openDb } from '../store/db';

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    config: Config;
    /** An app's token on this request (http/oauth.ts `withGrant`). */
    grant?: AppGrant;
    /** This route accepts the token for a scope it has (http/oauth.ts `appMay`). */
    grantAllowed?: boolean;
  };
};

/** The token of an app acting for a person: whose, which app, what it may do. */
export interface AppGrant {
  accountId: number;
  clientId: string;
  scopes: string[];
}

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
