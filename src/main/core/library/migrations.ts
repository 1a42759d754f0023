import { SCHEMA_VERSION } from '../../../shared/article.ts';

/** One step of a file's schema: turns the JSON of version `from` into version `from + 1`. */
export type Migration = {
  from: number;
  migrate: (json: Record<string, unknown>) => Record<string, unknown>;
};

/** The schema history of one kind of file: its current version and the steps that lead to it. */
export type MigrationChain = { current: number; steps: readonly Migration[] };

/**
 * Every library file's migrations. There is only version 1 so far; a change to article.json,
 * notes.json or memo.json that old files do not satisfy adds a step here and bumps
 * SCHEMA_VERSION. Steps run in memory on read; the file on disk changes only with the next
 * save, and that save first keeps the old file as `<file>.v<version>.bak` (see backups.ts),
 * which no later save replaces.
 */
export const MIGRATIONS = {
  article: { current: SCHEMA_VERSION, steps: [] },
  notes: { current: SCHEMA_VERSION, steps: [] },
  memo: { current: SCHEMA_VERSION, steps: [] },
} as const satisfies Record<string, MigrationChain>;

/** The schema version a parsed file declares, or null when it declares none. */
export function schemaVersionOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

/**
 * Brings parsed JSON up to the chain's current version. Returns it unchanged when it is current
 * (or has no version: the schema check then reports it); throws a message when a step is missing
 * or the file is newer than this program, which must never be written over.
 */
export function migrateJson(json: unknown, chain: MigrationChain): { json: unknown; from: number | null } {
  const version = schemaVersionOf(json);
  if (version === null || version === chain.current) return { json, from: null };
  if (version > chain.current) {
    throw new Error(
      `it was written by a newer version of Article Workbench (schema ${String(version)}; this one reads up to ${String(chain.current)})`,
    );
  }
  let current = json as Record<string, unknown>;
  for (let at = version; at < chain.current; at += 1) {
    const step = chain.steps.find((candidate) => candidate.from === at);
    if (step === undefined) throw new Error(`there is no migration from schema ${String(at)}`);
    current = { ...step.migrate(current), schemaVersion: at + 1 };
  }
  return { json: current, from: version };
}
