import { type PGlite, parse, protocol, type QueryOptions, type Results } from "@electric-sql/pglite";

/** What PGlite 0.5's own `query` does around a statement (pinned version; checked at start, else unused). */
interface PgliteInternals {
  _checkReady(): Promise<void>;
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
}

/** Named statements kept per connection; past this many, a new text takes the ordinary path. */
const maxStatements = 500;

function concat(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}

/**
 * Reads (`select …`) outside a transaction, through named prepared statements. PGlite's `query` sends each
 * statement as six separate calls into WebAssembly (parse, describe, bind, describe, execute, sync), and
 * PostgreSQL parses and plans the text every time. Here a text is parsed once, and each run after that is
 * one call: bind, describe, execute and sync in a single buffer. Measured on a session lookup: 0.29 ms a
 * statement through `query`, 0.08 ms here (docs/decisions/0010, addendum of session 7).
 *
 * Everything else (writes, statements inside a transaction, which Drizzle sends through the transaction's
 * own `query`) keeps PGlite's path. The locks, the parsers and serializers and the flush to the data
 * directory are PGlite's own, as its `query` uses them. Returns null when it cannot serve `text`.
 */
export function preparedReads(client: PGlite): ((text: string, params: unknown[] | undefined, options?: QueryOptions) => Promise<Results> | null) | null {
  const internals = client as unknown as PgliteInternals;
  if (
    typeof internals._checkReady !== "function" ||
    typeof internals._runExclusiveTransaction !== "function" ||
    typeof internals._runExclusiveQuery !== "function" ||
    typeof client.execProtocolStream !== "function"
  )
    return null;
  const statements = new Map<string, { name: string; types: number[] }>();
  let counter = 0;

  const prepare = async (text: string, options?: QueryOptions) => {
    const name = `plenary_${++counter}`;
    const messages = await client.execProtocolStream(
      concat([
        protocol.serialize.parse({ name, text, types: options?.paramTypes }),
        protocol.serialize.describe({ type: "S", name }),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    statements.set(text, statement);
    return statement;
  };

  const run = async (text: string, params: unknown[], options?: QueryOptions, again = false): Promise<Results> => {
    await internals._checkReady();
    return internals
      ._runExclusiveTransaction(() =>
        internals._runExclusiveQuery(async () => {
          const statement = statements.get(text) ?? (await prepare(text, options));
          const values = params.map((value, i) => {
            if (value === null || value === undefined) return null;
            const type = statement.types[i];
            const serialize = options?.serializers?.[type] ?? client.serializers[type];
            return serialize ? serialize(value) : String(value);
          });
          const messages = await client.execProtocolStream(
            concat([
              protocol.serialize.bind({ statement: statement.name, values }),
              protocol.serialize.describe({ type: "P" }),
              protocol.serialize.execute({}),
              protocol.serialize.sync(),
            ]),
            { syncToFs: false },
          );
          await client.syncToFs();
          return parse.parseResults(messages, client.parsers, options)[0];
        }),
      )
      .catch((error: unknown) => {
        // A table changed under a kept plan (a migration while running): prepare the text again, once.
        const code = (error as { code?: string }).code;
        if (again || (code !== "0A000" && code !== "26000")) throw error;
        statements.delete(text);
        return run(text, params, options, true);
      });
  };

  return (text, params, options) => {
    if (!/^\s*select\s/i.test(text) || options?.blob) return null;
    if (!statements.has(text) && statements.size >= maxStatements) return null;
    return run(text, params ?? [], options);
  };
}
