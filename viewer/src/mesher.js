// Greedy meshing of one 16^3 block: per axis and direction, each slice's exposed faces are
// merged into the largest rectangles of one colour, so a flat wall of one colour is two
// triangles instead of two per voxel.
import { BLOCK_SIZE } from './blocks.js';

const N = BLOCK_SIZE;
const STRIDE = [1, N, N * N];
// Light baked into the vertex colours per face direction (-x, +x, -y, +y, -z, +z), so the page
// needs no lights and the colours on screen are the voxel colours on the top faces.
const SHADE = [0.72, 0.8, 0.86, 0.78, 0.55, 1.0];
// A checkerboard block is the worst case: 2048 voxels, 6 faces each.
const MAX_QUADS = (N * N * N / 2) * 6;
const positions = new Float32Array(MAX_QUADS * 12);
const colors = new Uint8Array(MAX_QUADS * 12);
const mask = new Uint32Array(N * N);

/**
 * Meshes one block.
 * @param {Uint32Array} cells 4096 little-endian RGBA cells (alpha 0 = empty).
 * @param {(Uint32Array|null)[]} neighbours the blocks beside it on the -x, +x, -y, +y, -z, +z
 *   sides (null when absent): a face against a neighbour's voxel is hidden, so it is left out.
 * @param {number[]} origin the block's first voxel [x, y, z], added to every position.
 * @returns {{positions: Float32Array, colors: Uint8Array, indices: Uint16Array, quads: number}}
 *   positions in voxel units, RGB colours (shaded), two triangles per quad; quads 0 when
 *   nothing is visible.
 */
export function meshBlock(cells, neighbours, origin) {
  let quads = 0;
  const corner = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    const u = (d + 1) % 3;
    const v = (d + 2) % 3;
    for (let side = 0; side < 2; side++) {
      const step = side === 0 ? -1 : 1;
      const face = 2 * d + side;
      const beside = neighbours[face];
      const shade = SHADE[face];
      const sd = STRIDE[d], su = STRIDE[u], sv = STRIDE[v];
      for (let s = 0; s < N; s++) {
        const t = s + step;
        const inside = t >= 0 && t < N;
        // The cells in front of this slice: the next slice, or the neighbour's facing slice.
        const front = inside ? cells : beside;
        const frontSlice = (inside ? t : t < 0 ? N - 1 : 0) * sd;
        let m = 0;
        for (let j = 0; j < N; j++) {
          let at = s * sd + j * sv;
          let facing = frontSlice + j * sv;
          for (let i = 0; i < N; i++, at += su, facing += su) {
            const cell = cells[at];
            mask[m++] = cell >>> 24 && (front === null || !(front[facing] >>> 24)) ? cell : 0;
          }
        }
        for (let j = 0; j < N; j++) {
          for (let i = 0; i < N;) {
            const cell = mask[i + N * j];
            if (!cell) { i++; continue; }
            let w = 1;
            while (i + w < N && mask[i + w + N * j] === cell) w++;
            let h = 1;
            grow: while (j + h < N) {
              for (let k = 0; k < w; k++) if (mask[i + k + N * (j + h)] !== cell) break grow;
              h++;
            }
            for (let y = 0; y < h; y++) mask.fill(0, i + N * (j + y), i + w + N * (j + y));
            corner[d] = origin[d] + s + side;
            corner[u] = origin[u] + i;
            corner[v] = origin[v] + j;
            emitQuad(quads++, corner, d, u, v, w, h, side === 1, cell, shade);
            i += w;
          }
        }
      }
    }
  }
  const indices = new Uint16Array(quads * 6);
  for (let q = 0; q < quads; q++) {
    const first = q * 4;
    indices.set([first, first + 1, first + 2, first, first + 2, first + 3], q * 6);
  }
  return { positions: positions.slice(0, quads * 12), colors: colors.slice(0, quads * 12), indices, quads };
}

/** Writes quad q's four corners, counter-clockwise seen from outside the voxel. */
function emitQuad(q, corner, d, u, v, w, h, positive, cell, shade) {
  const r = Math.round((cell & 255) * shade);
  const g = Math.round(((cell >>> 8) & 255) * shade);
  const b = Math.round(((cell >>> 16) & 255) * shade);
  // u x v points along +d, so (0,0) (w,0) (w,h) (0,h) runs counter-clockwise seen from +d.
  const steps = positive ? [0, 0, w, 0, w, h, 0, h] : [0, 0, 0, h, w, h, w, 0];
  for (let k = 0; k < 4; k++) {
    const at = q * 12 + k * 3;
    positions[at + d] = corner[d];
    positions[at + u] = corner[u] + steps[2 * k];
    positions[at + v] = corner[v] + steps[2 * k + 1];
    colors[at] = r;
    colors[at + 1] = g;
    colors[at + 2] = b;
  }
}
