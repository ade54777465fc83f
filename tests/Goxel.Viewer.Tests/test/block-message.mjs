// Writes block messages as the daemon does (docs/viewer.md), for the page's decoding tests.
const MAGIC = 0x31425847;

/** RGBA bytes as the little-endian u32 the page keeps. */
export const rgba = (r, g, b, a = 255) => ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;

/**
 * @param {{full?: boolean, version?: number, blocks: {layer: number, x: number, y: number, z: number,
 *   kind: 'empty'|'dense'|'list'|'palette', cells?: Map<number, number>}[]}} message
 *   cells: cell index -> u32 colour (others empty).
 */
export function encodeBlockMessage({ full = false, version = 1, blocks }) {
  const parts = [];
  const header = Buffer.alloc(20);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(full ? 1 : 0, 4);
  header.writeBigUInt64LE(BigInt(version), 8);
  header.writeUInt32LE(blocks.length, 16);
  parts.push(header);
  for (const block of blocks) {
    const head = Buffer.alloc(17);
    head.writeInt32LE(block.layer, 0);
    head.writeInt32LE(block.x, 4);
    head.writeInt32LE(block.y, 8);
    head.writeInt32LE(block.z, 12);
    head.writeUInt8({ empty: 0, dense: 1, list: 2, palette: 3 }[block.kind], 16);
    parts.push(head);
    const cells = block.cells ?? new Map();
    if (block.kind === 'dense') {
      const body = Buffer.alloc(4096 * 4);
      for (const [i, c] of cells) body.writeUInt32LE(c, 4 * i);
      parts.push(body);
    } else if (block.kind === 'list') {
      const body = Buffer.alloc(2 + 6 * cells.size);
      body.writeUInt16LE(cells.size, 0);
      let at = 2;
      for (const [i, c] of cells) { body.writeUInt16LE(i, at); body.writeUInt32LE(c, at + 2); at += 6; }
      parts.push(body);
    } else if (block.kind === 'palette') {
      const palette = [0, ...new Set(cells.values())];
      if (block.padPalette) while (palette.length < 256) palette.push(rgba(1, 2, 3, palette.length));
      const body = Buffer.alloc(1 + 4 * palette.length + 4096);
      body.writeUInt8(palette.length & 255, 0);
      palette.forEach((c, i) => body.writeUInt32LE(c, 1 + 4 * i));
      for (const [i, c] of cells) body.writeUInt8(palette.indexOf(c), 1 + 4 * palette.length + i);
      parts.push(body);
    }
  }
  const bytes = Buffer.concat(parts);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** Cell index of (x, y, z) inside a block. */
export const cell = (x, y, z) => x + 16 * (y + 16 * z);
