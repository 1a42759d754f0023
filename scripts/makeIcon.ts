/**
 * node scripts/makeIcon.ts: draws the app's icon, build/icon.png (512 × 512), which electron-builder
 * turns into each platform's icon and the Linux window uses. Drawn by code rather than kept only as
 * a binary so that it can be changed and redrawn: three panes (the original, the translation notes
 * and the memo) on a dark blue tile, the memo's first line in an accent colour.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
type Colour = readonly [number, number, number, number];
const TILE: Colour = [31, 58, 95, 255];
const PAGE: Colour = [246, 244, 238, 255];
const INK: Colour = [120, 134, 156, 255];
const ACCENT: Colour = [214, 137, 16, 255];

const pixels = Buffer.alloc(SIZE * SIZE * 4);

function fill(x0: number, y0: number, x1: number, y1: number, colour: Colour, radius = 0): void {
  for (let y = Math.max(0, y0); y < Math.min(SIZE, y1); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(SIZE, x1); x += 1) {
      // Rounded corners: outside the corner circles stays as it was.
      const dx = x < x0 + radius ? x0 + radius - x : x >= x1 - radius ? x - (x1 - radius - 1) : 0;
      const dy = y < y0 + radius ? y0 + radius - y : y >= y1 - radius ? y - (y1 - radius - 1) : 0;
      if (dx * dx + dy * dy > radius * radius) continue;
      pixels.set(colour, (y * SIZE + x) * 4);
    }
  }
}

fill(16, 16, 496, 496, TILE, 96);
const panes = [
  { x: 72, lines: 9, colour: INK },
  { x: 200, lines: 7, colour: INK },
  { x: 328, lines: 5, colour: ACCENT },
];
for (const pane of panes) {
  fill(pane.x, 96, pane.x + 112, 416, PAGE, 14);
  for (let line = 0; line < pane.lines; line += 1) {
    const width = line % 3 === 2 ? 56 : 80;
    fill(
      pane.x + 16,
      128 + line * 30,
      pane.x + 16 + width,
      140 + line * 30,
      line === 0 ? pane.colour : INK,
      5,
    );
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, no interlace
const scanlines = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1)
  pixels.copy(scanlines, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(scanlines, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const file = path.resolve(import.meta.dirname, '..', 'build', 'icon.png');
writeFileSync(file, png);
console.log(`${file}: ${String(png.length)} bytes`);
