// A D1 binding that adds up the rows_read / rows_written D1 reports in each query's meta, so a
// benchmark can say what one click or one settlement costs in D1's own billing units.

export interface D1Tally {
  /** Statements run, each statement of a batch counted (the strict reading of D1's per-invocation limit). */
  queries: number;
  /** Calls that went to D1: a batch is one. */
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
  /** The most parameters bound to one statement (D1 allows 100). */
  maxParams: number;
}

export function recordingD1(inner: D1Database): { db: D1Database; tally: D1Tally; reset(): void } {
  const tally: D1Tally = { queries: 0, roundTrips: 0, rowsRead: 0, rowsWritten: 0, maxParams: 0 };
  const record = (meta: D1Meta | undefined) => {
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
        tally.roundTrips++;
        const result = await stmt.all();
        record(result.meta);
        return result;
      },
      async run() {
        tally.roundTrips++;
        const result = await stmt.run();
        record(result.meta);
        return result;
      },
      async first(column?: string) {
        tally.roundTrips++;
        const result = await stmt.all<Record<string, unknown>>();
        record(result.meta);
        const row = result.results[0];
        return row === undefined ? null : column ? row[column] : row;
      },
      // raw() carries no meta; read through all() instead and turn rows into arrays, the same
      // mapping drizzle applies to batch results.
      async raw() {
        tally.roundTrips++;
        const result = await stmt.all<Record<string, unknown>>();
        record(result.meta);
        return result.results.map((row) => Object.values(row));
      },
    };
    return wrapped as unknown as D1PreparedStatement;
  };
  const db = {
    prepare: (query: string) => wrap(inner.prepare(query)),
    async batch(statements: D1PreparedStatement[]) {
      tally.roundTrips++;
      const results = await inner.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner));
      for (const result of results) record(result.meta);
      return results;
    },
    exec: (query: string) => inner.exec(query),
    dump: () => inner.dump(),
    withSession: () => {
      throw new Error('not needed by the benchmarks');
    },
  };
  return {
    db: db as unknown as D1Database,
    tally,
    reset() {
      tally.queries = tally.roundTrips = tally.rowsRead = tally.rowsWritten = tally.maxParams = 0;
    },
  };
}
