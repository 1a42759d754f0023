import iconv from 'iconv-lite';

/**
 * Decodes bytes with an encoding name from EncodingInfo (see resolveCharset), without
 * stripping or interpreting a byte order mark. iconv-lite has no ISO-2022-JP, so that one
 * goes through TextDecoder.
 */
export function decodeWithEncoding(bytes: Uint8Array, name: string): string {
  if (name === 'iso-2022-jp' || name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be') {
    return new TextDecoder(name, { ignoreBOM: true }).decode(bytes);
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, {
    stripBOM: false,
  });
}
