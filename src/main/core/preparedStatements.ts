import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** The prepared statements of one SQLite connection, each prepared on its first use. */
export class PreparedStatements {
  readonly #statements = new Map<string, StatementSync>();
  readonly #database: () => DatabaseSync;

  /** `database` gives the open connection, or throws when there is none. */
  constructor(database: () => DatabaseSync) {
    this.#database = database;
  }

  /** The statement for `sql`, prepared once. */
  get(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database().prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Forgets every statement: the connection is closing. */
  clear(): void {
    this.#statements.clear();
  }
}
