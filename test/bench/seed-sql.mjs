// The benchmark's data, as SQL shared by the D1 bench (inside workerd) and the SQLite lower
// bound (Node 20 + better-sqlite3), so both settle exactly the same month.

/**
 * Statements that create `people` givers, each with a 5 EUR budget set in `month` (and 0 from
 * the month after, so later sizes' months leave them out), 500 cents deposited through one
 * balanced seed deposit, 10 kudos in `month` on things of people/100 creators (10 things each on average)
 * (skewed: see the things) and the month's pledge the first kudos reserves. Run them in order.
 */
export function seedStatements(people, month, nextMonth) {
  const creators = Math.max(10, Math.floor(people / 100));
  const things = creators * 10;
  const tag = month;
  const series = (n) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
  const givers = `SELECT id FROM accounts WHERE handle LIKE 'bench-g-${tag}-%'`;
  return [
    `${series(creators)} INSERT INTO accounts (handle, kind) SELECT 'bench-c-${tag}-' || i, 'person' FROM n`,
    `${series(people)} INSERT INTO accounts (handle, kind, monthly_budget_cents, balance_cents) SELECT 'bench-g-${tag}-' || i, 'person', 500, 500 FROM n`,
    `INSERT INTO budget_changes (account_id, from_month, cents) SELECT id, '${month}', 500 FROM (${givers})`,
    `INSERT INTO budget_changes (account_id, from_month, cents) SELECT id, '${nextMonth}', 0 FROM (${givers})`,
    // Owners are skewed as on any platform: thing i belongs to creator ⌊C·(i/T)²⌋, so the first
    // creator owns about T/√C things (1,000 of 100k) and most own a handful.
    `${series(things)} INSERT INTO things (owner_id, url, title)
      SELECT (SELECT id FROM accounts WHERE handle = 'bench-c-${tag}-' || ((i * i) / ${things} * ${creators} / ${things})), 'https://bench.example/${tag}/' || i, 'Thing ' || i FROM n`,
    `INSERT OR IGNORE INTO accounts (handle, kind) VALUES ('system:provider:bench', 'system')`,
    `INSERT INTO ledger_transactions (key, kind, month) VALUES ('bench-seed-${tag}', 'deposit', '${month}')`,
    `INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = 'bench-seed-${tag}'), id, 'deposit', 500, '${month}' FROM (${givers})`,
    `INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = 'bench-seed-${tag}'), (SELECT id FROM accounts WHERE handle = 'system:provider:bench'), 'deposit', -500 * ${people}, '${month}'`,
    `UPDATE accounts SET balance_cents = balance_cents - 500 * ${people} WHERE handle = 'system:provider:bench'`,
    // Giver g gives kudos to things (g*10 + k) mod T for k = 0..9: ten different things each.
    `WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < ${people - 1}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 9),
      first AS (SELECT (SELECT min(id) FROM accounts WHERE handle LIKE 'bench-g-${tag}-%') AS giver, (SELECT min(id) FROM things WHERE url LIKE 'https://bench.example/${tag}/%') AS thing)
    INSERT INTO clicks (month, giver_id, thing_id) SELECT '${month}', first.giver + i, first.thing + ((i * 10 + j) % ${things}) FROM g, k, first`,
    `INSERT INTO month_pledges (account_id, month, budget_cents, reserved_cents) SELECT id, '${month}', 500, 500 FROM (${givers})`,
  ];
}

/**
 * Another month, `month`, for the givers and things `seedStatements(people, firstMonth, …)`
 * created: a second 500-cent deposit each, the same ten kudos each, and the month's pledge.
 */
export function seedAnotherMonthStatements(people, firstMonth, month) {
  const tag = firstMonth;
  const creators = Math.max(10, Math.floor(people / 100));
  const things = creators * 10;
  const givers = `SELECT id FROM accounts WHERE handle LIKE 'bench-g-${tag}-%'`;
  const key = `bench-seed-${tag}-${month}`;
  return [
    `INSERT INTO ledger_transactions (key, kind, month) VALUES ('${key}', 'deposit', '${month}')`,
    `INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = '${key}'), id, 'deposit', 500, '${month}' FROM (${givers})`,
    `INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = '${key}'), (SELECT id FROM accounts WHERE handle = 'system:provider:bench'), 'deposit', -500 * ${people}, '${month}'`,
    `UPDATE accounts SET balance_cents = balance_cents + 500 WHERE handle LIKE 'bench-g-${tag}-%'`,
    `UPDATE accounts SET balance_cents = balance_cents - 500 * ${people} WHERE handle = 'system:provider:bench'`,
    `WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < ${people - 1}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 9),
      first AS (SELECT (SELECT min(id) FROM accounts WHERE handle LIKE 'bench-g-${tag}-%') AS giver, (SELECT min(id) FROM things WHERE url LIKE 'https://bench.example/${tag}/%') AS thing)
    INSERT INTO clicks (month, giver_id, thing_id) SELECT '${month}', first.giver + i, first.thing + ((i * 10 + j) % ${things}) FROM g, k, first`,
    `INSERT INTO month_pledges (account_id, month, budget_cents, reserved_cents) SELECT id, '${month}', 500, 500 FROM (${givers})`,
  ];
}
