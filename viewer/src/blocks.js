// Decodes the daemon's binary block messages (docs/viewer.md, "Binary block message").
// Cells come out as one Uint32Array of 4096 per block: RGBA read little-endian, so the alpha
// is the top byte and a cell is empty exactly when (cell >>> 24) === 0.

/** "GXB1" read as a little-endian u32. */
export const MAGIC = 0x31425847;
/** Blocks are 16 voxels on each side; cell i = x + 16 * (y + 16 * z). */
export const BLOCK_SIZE = 16;
export const BLOCK_CELLS = 4096;

const KIND_EMPTY = 0;
const KIND_DENSE = 1;
const KIND_LIST = 2;
const KIND_PALETTE = 3;

/**
 * Decodes one message.
 * @param {ArrayBuffer} buffer
 * @returns {{full: boolean, version: number, blocks: {layer: number, x: number, y: number, z: number, cells: Uint32Array|null}[]}}
 *   `cells` is null for a removed block.
 */
export function decodeBlockMessage(buffer) {
  const view = new DataView(buffer);
  let at = 0;
  const need = (bytes) => {
    if (at + bytes > view.byteLength) throw new Error(`block message truncated at byte ${at}`);
  };
  need(20);
  const magic = view.getUint32(0, true);
  if (magic !== MAGIC) throw new Error(`not a block message (magic 0x${magic.toString(16)})`);
  const flags = view.getUint32(4, true);
  // Versions stay far below 2^53, so a Number is exact.
  const version = Number(view.getBigUint64(8, true));
  const count = view.getUint32(16, true);
  at = 20;
  const blocks = [];
  for (let n = 0; n < count; n++) {
    need(17);
    const layer = view.getInt32(at, true);
    const x = view.getInt32(at + 4, true);
    const y = view.getInt32(at + 8, true);
    const z = view.getInt32(at + 12, true);
    const kind = view.getUint8(at + 16);
    at += 17;
    let cells = null;
    if (kind === KIND_DENSE) {
      need(BLOCK_CELLS * 4);
      cells = new Uint32Array(BLOCK_CELLS);
      for (let i = 0; i < BLOCK_CELLS; i++) cells[i] = view.getUint32(at + 4 * i, true);
      at += BLOCK_CELLS * 4;
    } else if (kind === KIND_LIST) {
      need(2);
      const listed = view.getUint16(at, true);
      at += 2;
      need(listed * 6);
      cells = new Uint32Array(BLOCK_CELLS);
      for (let i = 0; i < listed; i++) {
        const cell = view.getUint16(at, true);
        if (cell >= BLOCK_CELLS) throw new Error(`cell index ${cell} out of range`);
        cells[cell] = view.getUint32(at + 2, true);
        at += 6;
      }
    } else if (kind === KIND_PALETTE) {
      need(1);
      const size = view.getUint8(at) || 256;
      at += 1;
      need(size * 4 + BLOCK_CELLS);
      const palette = new Uint32Array(size);
      for (let i = 0; i < size; i++) palette[i] = view.getUint32(at + 4 * i, true);
      at += size * 4;
      cells = new Uint32Array(BLOCK_CELLS);
      for (let i = 0; i < BLOCK_CELLS; i++) {
        const entry = view.getUint8(at + i);
        if (entry >= size) throw new Error(`palette index ${entry} past a palette of ${size}`);
        cells[i] = palette[entry];
      }
      at += BLOCK_CELLS;
    } else if (kind !== KIND_EMPTY) {
      throw new Error(`unknown block kind ${kind}`);
    }
    blocks.push({ layer, x, y, z, cells });
  }
  return { full: (flags & 1) !== 0, version, blocks };
}
