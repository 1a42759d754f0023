/** The rolling backup of a library file: its previous good version, replaced by every save. */
export function backupPathFor(file: string): string {
  return `${file}.bak`;
}

/**
 * The backup a migration leaves: the file as it was in an older schema, written once before
 * the first save in the new schema and never replaced, so a faulty migration can be undone.
 */
export function versionBackupPathFor(file: string, version: number): string {
  return `${file}.v${String(version)}.bak`;
}
