import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { WorkbenchError } from '../../../shared/errors.ts';
import type { ExtractLimits } from './extracted.ts';

export type ZipInventory = {
  /** Every entry name, as stored. */
  names: Set<string>;
  /** The entries asked for in `read`, decoded as UTF-8 (BOM removed); absent ones are missing. */
  texts: Map<string, string>;
};

/** Below this size no compression ratio is dangerous, and small XML parts compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** The signature of an OLE2 compound file: an old .doc, or an encrypted .docx. */
const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Checks a DOCX container before any parser inflates it: entry count, declared sizes and
 * compression ratios from the central directory, then every entry is inflated once with
 * yauzl's size check, so a central directory that lies about sizes is caught too. mammoth
 * (through JSZip) has no bound of its own: a 349 KB file with a 105 MB document.xml
 * exhausts a 4 GB heap. yauzl and JSZip must also see the same entries, else the checked
 * ones are not the parsed ones (see checkCentralDirectory).
 */
export async function checkZip(
  bytes: Uint8Array,
  limits: ExtractLimits,
  read: readonly string[] = [],
): Promise<ZipInventory> {
  if (COMPOUND_FILE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    throw new WorkbenchError(
      'DOCX_DAMAGED',
      'The file is an older Word (.doc) document or a password-protected one. Save it as .docx without a password and import it again.',
    );
  }
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbenchError(
      'FILE_TOO_LARGE',
      `The document is larger than ${megabytes(limits.maxFileBytes)}.`,
    );
  }
  checkCentralDirectory(bytes, limits);
  const zip = await openZip(bytes);
  try {
    if (zip.entryCount > limits.maxZipEntries) throw tooManyEntries(zip.entryCount, limits);
    return await inspectEntries(zip, limits, new Set(read));
  } finally {
    zip.close();
  }
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * yauzl reads as many central directory records as the end record states; JSZip (inside
 * mammoth) reads records for as long as their signature follows, and shifts every offset when
 * the directory does not end where the end record is. A file that understates its count, or
 * whose directory is placed off its stated size, shows yauzl a small decoy and mammoth a bomb
 * that was never checked. So the directory must be laid out exactly as stated, as every word
 * processor writes it, and is counted here, record by record, the way JSZip walks it.
 */
function checkCentralDirectory(bytes: Uint8Array, limits: ExtractLimits): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u64 = (at: number): number => (at + 8 <= bytes.length ? Number(view.getBigUint64(at, true)) : -1);
  const damaged = (reason: string): WorkbenchError =>
    new WorkbenchError(
      'DOCX_DAMAGED',
      `The file is not a valid Word document: ${reason}. It was not opened, to protect the app.`,
    );

  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  // Left to yauzl, whose message says the container cannot be read.
  if (end === -1) return;
  if (end + 22 + u16(end + 20) !== bytes.length)
    throw damaged('its ZIP end record is followed by stray data');
  let count = u16(end + 10);
  let size = u32(end + 12);
  let offset = u32(end + 16);
  let directoryEnd = end;
  const isZip64 =
    u16(end + 4) === 0xffff ||
    u16(end + 6) === 0xffff ||
    u16(end + 8) === 0xffff ||
    count === 0xffff ||
    size === 0xffffffff ||
    offset === 0xffffffff;
  if (isZip64) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR_SIGNATURE)
      throw damaged('its ZIP64 locator is missing');
    const zip64End = u64(locator + 8);
    if (zip64End < 0 || u32(zip64End) !== ZIP64_END_SIGNATURE)
      throw damaged('its ZIP64 end record is missing');
    if (zip64End + 12 + u64(zip64End + 4) !== locator) throw damaged('its ZIP64 end record has a wrong size');
    count = u64(zip64End + 32);
    size = u64(zip64End + 40);
    offset = u64(zip64End + 48);
    directoryEnd = zip64End;
  }
  if (offset < 0 || size < 0 || offset + size !== directoryEnd) {
    throw damaged('its list of parts is not where its ZIP end record says');
  }
  let records = 0;
  let position = offset;
  while (position + 46 <= bytes.length && u32(position) === CENTRAL_SIGNATURE) {
    if (++records > limits.maxZipEntries) throw tooManyEntries(records, limits);
    position += 46 + u16(position + 28) + u16(position + 30) + u16(position + 32);
  }
  if (records !== count || position !== directoryEnd) {
    throw damaged(
      `its ZIP container states ${String(count)} parts but lists ${String(records)} (parts hidden from one reader and shown to another)`,
    );
  }
}

/** The parts mammoth parses as XML; media and embedded files are never parsed. */
function isXmlPart(name: string): boolean {
  return /\.(?:xml|rels)$/iu.test(name);
}

/** An entry name as JSZip resolves it (its utils.resolve): "." segments dropped, ".." applied. */
function resolveEntryName(name: string): string {
  const parts = name.split('/');
  const resolved: string[] = [];
  parts.forEach((part, index) => {
    if (part === '.' || (part === '' && index !== 0 && index !== parts.length - 1)) return;
    if (part === '..') resolved.pop();
    else resolved.push(part);
  });
  return resolved.join('/');
}

async function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
      decodeStrings: true,
    });
  } catch (error) {
    throw new WorkbenchError(
      'DOCX_DAMAGED',
      'The file is not a valid Word document: its ZIP container cannot be read (it may be damaged or truncated).',
      {
        cause: error,
      },
    );
  }
}

async function inspectEntries(
  zip: ZipFile,
  limits: ExtractLimits,
  wanted: ReadonlySet<string>,
): Promise<ZipInventory> {
  const names = new Set<string>();
  const resolvedNames = new Set<string>();
  const texts = new Map<string, string>();
  let declaredTotal = 0;
  let count = 0;
  for await (const entry of entriesOf(zip)) {
    // JSZip keeps the last of two parts whose names resolve alike; which one is parsed must not be a guess.
    const resolved = resolveEntryName(entry.fileName);
    if (resolvedNames.has(resolved)) {
      throw new WorkbenchError(
        'DOCX_DAMAGED',
        `The document's ZIP container holds two parts named ${entry.fileName}, which no word processor writes; it was not opened, to protect the app.`,
      );
    }
    resolvedNames.add(resolved);
    names.add(entry.fileName);
    // The end record's count can understate the central directory; count what is there.
    if (++count > limits.maxZipEntries) throw tooManyEntries(count, limits);
    if (entry.isEncrypted()) {
      throw new WorkbenchError('DOCX_DAMAGED', 'The document contains encrypted parts and cannot be read.');
    }
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes) throw tooLarge(limits);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES) {
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (ratio > limits.maxCompressionRatio) {
        throw new WorkbenchError(
          'DOCX_TOO_LARGE',
          `One part of the document (${entry.fileName}) is compressed ${Math.round(ratio)} times over, more than the ${limits.maxCompressionRatio} allowed: the mark of a "zip bomb". It was not opened, to protect the app.`,
        );
      }
    }
    if (isXmlPart(entry.fileName) && entry.uncompressedSize > limits.maxXmlPartBytes) {
      throw new WorkbenchError(
        'DOCX_TOO_LARGE',
        `One part of the document (${entry.fileName}) holds ${megabytes(entry.uncompressedSize)} of XML, more than the ${megabytes(limits.maxXmlPartBytes)} a Word document's text can reasonably need; it was not opened, to protect the app.`,
      );
    }
    const content = await inflate(zip, entry, limits);
    if (wanted.has(entry.fileName))
      texts.set(entry.fileName, new TextDecoder('utf-8', { ignoreBOM: false }).decode(content));
  }
  return { names, texts };
}

/** Inflates one entry; yauzl fails the stream as soon as it yields more than it declared. */
async function inflate(zip: ZipFile, entry: Entry, limits: ExtractLimits): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.maxUncompressedBytes) throw tooLarge(limits);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/too many bytes/i.test(message)) {
      throw new WorkbenchError(
        'DOCX_TOO_LARGE',
        `One part of the document (${entry.fileName}) unpacks to more than its header declares: the mark of a "zip bomb". It was not opened, to protect the app.`,
        { cause: error },
      );
    }
    throw new WorkbenchError(
      'DOCX_DAMAGED',
      `The document is damaged: its part ${entry.fileName} cannot be unpacked.`,
      { cause: error },
    );
  }
  return Buffer.concat(chunks);
}

async function* entriesOf(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const entry = await new Promise<Entry | null>((resolve, reject) => {
      const onEntry = (value: Entry): void => {
        cleanup();
        resolve(value);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(null);
      };
      const onError = (error: unknown): void => {
        cleanup();
        reject(
          new WorkbenchError('DOCX_DAMAGED', 'The document is damaged: its list of parts cannot be read.', {
            cause: error,
          }),
        );
      };
      const cleanup = (): void => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (entry === null) return;
    yield entry;
  }
}

function tooManyEntries(count: number, limits: ExtractLimits): WorkbenchError {
  return new WorkbenchError(
    'DOCX_TOO_MANY_ENTRIES',
    `The document's ZIP container holds ${count} parts, more than the ${limits.maxZipEntries} allowed; it was not opened, to protect the app.`,
  );
}

function tooLarge(limits: ExtractLimits): WorkbenchError {
  return new WorkbenchError(
    'DOCX_TOO_LARGE',
    `The document would unpack to more than ${megabytes(limits.maxUncompressedBytes)} (a "zip bomb"); it was not opened, to protect the app.`,
  );
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
