// The settlement's lower bound: plain SQLite (better-sqlite3, Node 20) settling the same month
// as the D1 bench, writing the same rows (transactions, entries, balances once per account,
// pledges settled) in ONE transaction with reused prepared statements. No D1, no Worker.
// Usage: node test/bench/sqlite-lower-bound.mjs 10000,100000  → prints JSON {size: ms}.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedStatements } from './seed-sql.mjs';

const MIGRATIONS = new URL('../../schema/migrations/', import.meta.url);
const FEE_BASIS_POINTS = 1000;
const month = '2030-01';
const nextMonth = '2030-02';
const monthIndex = 2030 * 12;

function settle(db) {
  const fees = db.prepare(`INSERT INTO accounts (handle, kind) VALUES ('system:fees', 'system') RETURNING id`).get().id;
  const pledges = db.prepare(
    `SELECT account_id AS id, reserved_cents AS reserved FROM month_pledges WHERE month = ? AND settled_at IS NULL ORDER BY account_id`,
  );
  const clicks = db.prepare(
    `SELECT c.giver_id AS giver, c.thing_id AS thing, t.owner_id AS owner FROM clicks c JOIN things t ON t.id = c.thing_id WHERE c.month = ? ORDER BY c.giver_id, c.thing_id`,
  );
  const insertTransaction = db.prepare(`INSERT INTO ledger_transactions (key, kind, month) VALUES (?, 'settlement', ?)`);
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateBalance = db.prepare(`UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?`);
  const settlePledge = db.prepare(`UPDATE month_pledges SET settled_at = ? WHERE account_id = ? AND month = ?`);
  db.transaction(() => {
    const byGiver = new Map();
    for (const click of clicks.iterate(month)) {
      const list = byGiver.get(click.giver);
      if (list) list.push(click);
      else byGiver.set(click.giver, [click]);
    }
    const changes = new Map();
    const change = (id, cents) => changes.set(id, (changes.get(id) ?? 0) + cents);
    for (const { id, reserved } of pledges.all(month)) {
      const list = byGiver.get(id) ?? [];
      const tx = insertTransaction.run(`settlement:${month}:${id}`, month).lastInsertRowid;
      const fee = Math.floor((reserved * FEE_BASIS_POINTS + 5000) / 10000);
      const rest = reserved - fee;
      insertEntry.run(tx, id, 'budget', -rest, null, null, month);
      insertEntry.run(tx, id, 'fee', -fee, fees, null, month);
      insertEntry.run(tx, fees, 'fee', fee, id, null, month);
      change(id, -reserved);
      change(fees, fee);
      const n = list.length;
      const base = Math.floor(rest / n);
      const start = monthIndex % n;
      list.forEach((click, i) => {
        const share = base + ((i - start + n) % n < rest - base * n ? 1 : 0);
        insertEntry.run(tx, click.owner, 'share', share, id, click.thing, month);
        change(click.owner, share);
      });
      settlePledge.run(Date.now(), id, month);
    }
    for (const [id, cents] of changes) updateBalance.run(cents, id);
  })();
}

const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const result = {};
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'kudos-lower-bound-'));
  const db = new Database(join(dir, 'db.sqlite'));
  // A cache that holds the whole working set, so the bound is SQLite's CPU, not its page misses.
  db.pragma('cache_size = -524288');
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    for (const statement of readFileSync(new URL(file, MIGRATIONS), 'utf8').split('--> statement-breakpoint')) if (statement.trim()) db.exec(statement);
  }
  for (const statement of seedStatements(size, month, nextMonth)) db.exec(statement);
  const started = performance.now();
  settle(db);
  result[size] = performance.now() - started;
  const entries = db.prepare(`SELECT count(*) AS n FROM ledger_entries WHERE month = ? AND kind = 'share'`).get(month).n;
  if (entries !== size * 10) throw new Error(`lower bound booked ${entries} shares, not ${size * 10}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
