import { crc32, deflateRawSync } from 'node:zlib';

/** One entry as it will be written, sizes and checksum included, so a test can make them lie. */
export type ZipEntry = {
  name: string;
  /** Bytes as stored (deflated when `method` is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  crc: number;
  uncompressedSize: number;
};

export type ZipOptions = {
  /** The entry count the end record states; defaults to the real count. A lie here hides entries from a reader that trusts it. */
  statedCount?: number;
};

/** A deflated entry from its content. */
export function deflatedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    stored: deflateRawSync(data, { level: 9 }),
    method: 8,
    crc: crc32(data),
    uncompressedSize: data.byteLength,
  };
}

/** A stored (not compressed) entry. */
export function storedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, stored: data, method: 0, crc: crc32(data), uncompressedSize: data.byteLength };
}

/**
 * An entry that inflates to `repeat` copies of `chunk` without ever holding them: each copy is
 * deflated alone and ended with a full flush, which resets the dictionary, so the compressed
 * copy can simply be repeated. A gigabyte bomb costs a few milliseconds and a megabyte of memory.
 */
export function repeatedEntry(
  name: string,
  head: string,
  chunk: string,
  repeat: number,
  tail: string,
): ZipEntry {
  const FULL_FLUSH = 3;
  const flushed = (text: string): Buffer =>
    deflateRawSync(Buffer.from(text, 'utf8'), { level: 9, finishFlush: FULL_FLUSH });
  const chunkBytes = Buffer.from(chunk, 'utf8');
  const chunkDeflated = flushed(chunk);
  const parts: Buffer[] = [flushed(head)];
  let crc = crc32(Buffer.from(head, 'utf8'));
  for (let index = 0; index < repeat; index++) {
    parts.push(chunkDeflated);
    crc = crc32(chunkBytes, crc);
  }
  parts.push(deflateRawSync(Buffer.from(tail, 'utf8'), { level: 9 }));
  crc = crc32(Buffer.from(tail, 'utf8'), crc);
  return {
    name,
    stored: Buffer.concat(parts),
    method: 8,
    crc,
    uncompressedSize:
      Buffer.byteLength(head, 'utf8') + chunkBytes.byteLength * repeat + Buffer.byteLength(tail, 'utf8'),
  };
}

const UINT32_MAX = 0xffff_ffff;

/**
 * Writes a ZIP archive (under 4 GB) byte by byte, with ZIP64 end records when the entry count
 * needs them. Written here rather than with a library so that tests control every field.
 */
export function writeZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (entry.uncompressedSize >= UINT32_MAX || offset >= UINT32_MAX)
      throw new Error('writeZip writes entries and archives under 4 GB only');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(0x00210000, 10);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.stored.byteLength, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(
      local,
      name,
      Buffer.from(entry.stored.buffer, entry.stored.byteOffset, entry.stored.byteLength),
    );

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(45, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(0x00210000, 12);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.stored.byteLength, 20);
    record.writeUInt32LE(entry.uncompressedSize, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += local.length + name.length + entry.stored.byteLength;
  }
  const directory = Buffer.concat(central);
  const count = options.statedCount ?? entries.length;
  const needsZip64 = count > 0xfffe;
  const tail: Buffer[] = [];
  if (needsZip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needsZip64 ? 0xffff : count, 8);
  end.writeUInt16LE(needsZip64 ? 0xffff : count, 10);
  end.writeUInt32LE(needsZip64 ? UINT32_MAX : directory.length, 12);
  end.writeUInt32LE(needsZip64 ? UINT32_MAX : offset, 16);
  tail.push(end);
  return new Uint8Array(Buffer.concat([...chunks, directory, ...tail]));
}
