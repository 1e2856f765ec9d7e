// A D1 binding that adds up the rows_read / rows_written D1 reports in each query's meta, so a
// benchmark can say what one click or one settlement costs in D1's own billing units; and the
// round trips (a statement run alone, or one batch) and statements, Sessions API ones included.

export interface D1Tally {
  /** Calls that reach the database: each run/all/first/raw of a statement, each batch. */
  roundTrips: number;
  /** Statements executed (a batch counts each of its statements). */
  statements: number;
  queries: number;
  /** Sessions API sessions opened (reads that a D1 read replica may serve). */
  sessions: number;
  rowsRead: number;
  rowsWritten: number;
  /** The most parameters bound to one statement (D1 allows 100). */
  maxParams: number;
}

export function recordingD1(inner: D1Database): { db: D1Database; tally: D1Tally; reset(): void } {
  const tally: D1Tally = { roundTrips: 0, statements: 0, queries: 0, sessions: 0, rowsRead: 0, rowsWritten: 0, maxParams: 0 };
  const record = (meta: D1Meta | undefined, alone = true) => {
    if (alone) tally.roundTrips++;
    tally.statements++;
    tally.queries++;
    tally.rowsRead += meta?.rows_read ?? 0;
    tally.rowsWritten += meta?.rows_written ?? 0;
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = {
      inner: stmt,
      bind: (...values: unknown[]) => {
        tally.maxParams = Math.max(tally.maxParams, values.length);
        return wrap(stmt.bind(...values));
      },
      async all() {
        const result = await stmt.all();
        record(result.meta);
        return result;
      },
      async run() {
        const result = await stmt.run();
        record(result.meta);
        return result;
      },
      async first(column?: string) {
        const result = await stmt.all<Record<string, unknown>>();
        record(result.meta);
        const row = result.results[0];
        return row === undefined ? null : column ? row[column] : row;
      },
      // raw() carries no meta; read through all() instead and turn rows into arrays, the same
      // mapping drizzle applies to batch results.
      async raw() {
        const result = await stmt.all<Record<string, unknown>>();
        record(result.meta);
        return result.results.map((row) => Object.values(row));
      },
    };
    return wrapped as unknown as D1PreparedStatement;
  };
  const recordingBatch = (target: Pick<D1Database, 'batch'>) => async (statements: D1PreparedStatement[]) => {
    const results = await target.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner));
    tally.roundTrips++;
    for (const result of results) record(result.meta, false);
    return results;
  };
  const db = {
    prepare: (query: string) => wrap(inner.prepare(query)),
    batch: recordingBatch(inner),
    exec: (query: string) => inner.exec(query),
    dump: () => inner.dump(),
    withSession: (constraint?: string) => {
      const session = inner.withSession(constraint);
      tally.sessions++;
      return { prepare: (query: string) => wrap(session.prepare(query)), batch: recordingBatch(session), getBookmark: () => session.getBookmark() };
    },
  };
  return {
    db: db as unknown as D1Database,
    tally,
    reset() {
      tally.roundTrips = tally.statements = tally.queries = tally.sessions = tally.rowsRead = tally.rowsWritten = tally.maxParams = 0;
    },
  };
}
