import type { Database } from "./index.ts";

/**
 * Statements sent on one connection without waiting for each answer in between (node-postgres's
 * pipeline mode: written at once, answered in order), each a named prepared statement: parsed and
 * planned once per connection. For the few hot paths where the time
 * between two statements, not the statements, was what a request waited for (checkin scans).
 */
export interface Pipeline {
  /** Queues a statement; `text` must always be the same for a `name`. Resolves with its rows. */
  query<T>(name: string, text: string, values: readonly unknown[]): Promise<T[]>;
}

/**
 * Runs `work` in a transaction. `work` returns its value and, optionally, the last statement it queued
 * without waiting: the COMMIT is queued right behind it. Resolves only once the COMMIT is done.
 * PostgreSQL: a pooled connection of its own. The embedded database: its one connection, in order.
 */
export async function pipelinedTransaction<T>(database: Database, work: (p: Pipeline) => Promise<{ value: T; last?: Promise<unknown> }>): Promise<T> {
  if (database.pool) {
    const client = await database.pool.connect();
    // node-postgres's pipeline mode, for this transaction only: each statement is written the moment it is
    // queued (with a Sync of its own), not once the previous one has answered. BEGIN travels with the first
    // statement and COMMIT with the last: a commit is as many round trips as `work` waits for answers.
    // Switched on and off while the connection is idle, so the rest of the app never sees it.
    const modes = client as unknown as { pipeline: boolean };
    modes.pipeline = true;
    let destroy = false;
    const pipeline: Pipeline = {
      query: async <R>(name: string, text: string, values: readonly unknown[]) => (await client.query<R & object>({ name, text, values: [...values] })).rows,
    };
    try {
      // The statements' plans are made once per connection: left to choose, PostgreSQL plans a statement
      // again for every execution whose parameters it is shown (arrays, JSON), which cost more than running it.
      // BEGIN and the statements `work` queues before it first waits leave in one write: one wake-up of
      // the database's process, not one a statement.
      const socket = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
      socket.cork();
      const begun = client.query("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan");
      // Its failure shows in the first statement queued behind it; this only keeps it from going unhandled.
      begun.catch(() => {});
      let working: ReturnType<typeof work>;
      try {
        working = work(pipeline);
      } finally {
        socket.uncork();
      }
      const { value, last } = await working;
      await Promise.all([begun, last, client.query("COMMIT")]);
      return value;
    } catch (error) {
      // A connection whose ROLLBACK fails is in no state to serve anyone else: the pool drops it.
      await client.query("ROLLBACK").catch(() => {
        destroy = true;
      });
      throw error;
    } finally {
      modes.pipeline = false;
      client.release(destroy);
    }
  }
  const embedded = database.embedded!;
  return embedded.transaction(async (tx) => {
    const pipeline: Pipeline = {
      query: async <R>(_name: string, text: string, values: readonly unknown[]) => (await tx.query<R>(text, [...values])).rows,
    };
    const { value, last } = await work(pipeline);
    await last;
    return value;
  });
}
