/**
 * Whether a file in a library folder is SQLite's scratch rather than the library's content: the
 * shared-memory index of a database's write-ahead log (`-shm`, which every read touches), or an
 * empty log (left by a reader, which may not delete it). Tests that prove a library unchanged,
 * byte for byte, leave these out; a log that holds changes is content and stays in.
 */
export function isDatabaseScratch(file: string, size: number): boolean {
  return file.endsWith('.sqlite-shm') || (file.endsWith('.sqlite-wal') && size === 0);
}
