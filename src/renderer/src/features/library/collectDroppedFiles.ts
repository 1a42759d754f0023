/**
 * The files of a drop, folders walked recursively (hidden entries skipped, as the core does).
 * Electron can import a folder by its path, but a browser page only reaches a folder's files
 * through the entries API.
 */
export async function collectDroppedFiles(data: DataTransfer, walkFolders: boolean): Promise<File[]> {
  if (!walkFolders) return [...data.files];
  const entries = [...data.items]
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...data.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.name.startsWith('.')) return;
    if (entry.isFile) {
      files.push(
        await new Promise<File>((resolve, reject) => {
          (entry as FileSystemFileEntry).file(resolve, reject);
        }),
      );
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the folder in chunks; an empty chunk means the end.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => {
          reader.readEntries(resolve, reject);
        });
        if (chunk.length === 0) break;
        for (const child of chunk) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
