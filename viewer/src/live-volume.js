// What the page holds of a project: every block of every layer as decoded cells. Applying a
// message re-meshes only the blocks it changed and their six neighbours (whose faces against
// the changed block may have appeared or gone).
import { BLOCK_SIZE, decodeBlockMessage } from './blocks.js';
import { meshBlock } from './mesher.js';

const SIDES = [[-1, 0, 0], [1, 0, 0], [0, -1, 0], [0, 1, 0], [0, 0, -1], [0, 0, 1]];

const blockKey = (x, y, z) => `${x},${y},${z}`;

/** Is every cell of the block a voxel? */
function isSolid(cells) {
  for (let i = 0; i < cells.length; i++) if (!(cells[i] >>> 24)) return false;
  return true;
}

/** The blocks of a project's layers, kept up to date by block messages. */
export class LiveVolume {
  /** @type {Map<number, Map<string, {x: number, y: number, z: number, cells: Uint32Array, solid: boolean}>>} */
  layers = new Map();

  /**
   * Applies one binary message.
   * @param {ArrayBuffer} buffer
   * @returns {{full: boolean, version: number, meshes: {layer: number, key: string,
   *   positions?: Float32Array, colors?: Uint8Array, indices?: Uint16Array}[]}}
   *   one entry per block to replace; without positions the block has nothing to draw.
   */
  apply(buffer) {
    const message = decodeBlockMessage(buffer);
    if (message.full) this.layers.clear();
    const dirty = new Map();
    const mark = (layer, x, y, z) => {
      let keys = dirty.get(layer);
      if (!keys) dirty.set(layer, keys = new Map());
      keys.set(blockKey(x, y, z), [x, y, z]);
    };
    for (const { layer, x, y, z, cells } of message.blocks) {
      let blocks = this.layers.get(layer);
      if (!blocks) this.layers.set(layer, blocks = new Map());
      if (cells) blocks.set(blockKey(x, y, z), { x, y, z, cells, solid: isSolid(cells) });
      else blocks.delete(blockKey(x, y, z));
      mark(layer, x, y, z);
      if (message.full) continue;
      for (const [dx, dy, dz] of SIDES) {
        const nx = x + dx * BLOCK_SIZE, ny = y + dy * BLOCK_SIZE, nz = z + dz * BLOCK_SIZE;
        if (blocks.has(blockKey(nx, ny, nz))) mark(layer, nx, ny, nz);
      }
    }
    const meshes = [];
    for (const [layer, keys] of dirty) {
      const blocks = this.layers.get(layer);
      for (const [key, [x, y, z]] of keys) {
        const block = blocks.get(key);
        if (!block) { meshes.push({ layer, key }); continue; }
        const beside = SIDES.map(([dx, dy, dz]) => blocks.get(blockKey(x + dx * BLOCK_SIZE, y + dy * BLOCK_SIZE, z + dz * BLOCK_SIZE)));
        // Inside a solid mass nothing shows: skip the scan (most blocks of a big solid model).
        if (block.solid && beside.every((b) => b?.solid)) { meshes.push({ layer, key }); continue; }
        const mesh = meshBlock(block.cells, beside.map((b) => b?.cells ?? null), [x, y, z]);
        meshes.push(mesh.quads ? { layer, key, positions: mesh.positions, colors: mesh.colors, indices: mesh.indices } : { layer, key });
      }
    }
    return { full: message.full, version: message.version, meshes };
  }
}
