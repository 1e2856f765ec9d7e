import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// A giver shard runs the same migrations (it uses two of the tables).
await applyD1Migrations(env.DB_GIVERS_2, env.TEST_MIGRATIONS);
