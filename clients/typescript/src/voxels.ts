import { brotliDecompressSync } from 'node:zlib';
import type { Color, PackedVoxels, Position, Rgba, VoxelData, VoxelsRegion } from './types.js';

/** `[x, y, z]` from either position form. */
export function toXyz(position: Position): [number, number, number] {
  if (Array.isArray(position)) return [position[0], position[1], position[2]];
  const p = position as { x: number; y: number; z: number };
  return [p.x, p.y, p.z];
}

/** `[r, g, b, a]` from any colour form the daemon accepts; alpha defaults to 255. */
export function toRgba(color: Color): Rgba {
  if (typeof color === 'string') {
    const hex = /^#([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color);
    if (!hex) throw new TypeError(`invalid hex colour ${JSON.stringify(color)} (expected #RRGGBB or #RRGGBBAA)`);
    const n = hex[1]!;
    const channel = (i: number) => parseInt(n.slice(i * 2, i * 2 + 2), 16);
    return [channel(0), channel(1), channel(2), n.length === 8 ? channel(3) : 255];
  }
  if (Array.isArray(color)) {
    if (color.length < 3) throw new TypeError('colour array needs at least r, g, b');
    return [color[0], color[1], color[2], color[3] ?? 255];
  }
  const c = color as { r: number; g: number; b: number; a?: number };
  return [c.r, c.g, c.b, c.a ?? 255];
}

/** The position's key for de-duplication: voxels with equal keys occupy the same cell. */
export function positionKey(position: Position): string {
  const [x, y, z] = toXyz(position);
  return `${x},${y},${z}`;
}

/**
 * Voxels in two typed arrays (x,y,z int32 and RGBA bytes), the guide's EfficientVoxelBuffer:
 * no object per voxel, and it converts straight to the daemon's packed batch form.
 */
export class VoxelBuffer {
  private positions: Int32Array;
  private colors: Uint8Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.positions = new Int32Array(Math.max(1, capacity) * 3);
    this.colors = new Uint8Array(Math.max(1, capacity) * 4);
  }

  /** Voxels held. */
  get count(): number {
    return this.size;
  }

  /** Appends one voxel, growing the arrays when full. */
  addVoxel(x: number, y: number, z: number, r: number, g: number, b: number, a = 255): void {
    if (this.size * 3 === this.positions.length) this.grow();
    const p = this.size * 3;
    const c = this.size * 4;
    this.positions[p] = x;
    this.positions[p + 1] = y;
    this.positions[p + 2] = z;
    this.colors[c] = r;
    this.colors[c + 1] = g;
    this.colors[c + 2] = b;
    this.colors[c + 3] = a;
    this.size++;
  }

  /** The voxels as objects (the guide's `toVoxelArray`). */
  toVoxelArray(): VoxelData[] {
    const voxels: VoxelData[] = [];
    for (let i = 0; i < this.size; i++) {
      const p = i * 3;
      const c = i * 4;
      voxels.push({
        position: [this.positions[p]!, this.positions[p + 1]!, this.positions[p + 2]!],
        color: [this.colors[c]!, this.colors[c + 1]!, this.colors[c + 2]!, this.colors[c + 3]!],
      });
    }
    return voxels;
  }

  /** Base64 of little-endian int32 x,y,z triples and of RGBA bytes, as goxel.add_voxel_batch takes them. */
  toPacked(): { positions: string; colors: string } {
    const positions = Buffer.alloc(this.size * 12);
    for (let i = 0; i < this.size * 3; i++) positions.writeInt32LE(this.positions[i]!, i * 4);
    return {
      positions: positions.toString('base64'),
      colors: Buffer.from(this.colors.buffer, this.colors.byteOffset, this.size * 4).toString('base64'),
    };
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const positions = new Int32Array(this.positions.length * 2);
    positions.set(this.positions);
    const colors = new Uint8Array(this.colors.length * 2);
    colors.set(this.colors);
    this.positions = positions;
    this.colors = colors;
  }
}

/** Recycles objects that are created and dropped at a high rate (the guide's ObjectPool). */
export class ObjectPool<T> {
  private readonly available: T[] = [];

  constructor(private readonly create: () => T, private readonly reset: (item: T) => void, initialSize = 10) {
    for (let i = 0; i < initialSize; i++) this.available.push(create());
  }

  /** Objects ready to be handed out. */
  get size(): number {
    return this.available.length;
  }

  acquire(): T {
    return this.available.pop() ?? this.create();
  }

  release(item: T): void {
    this.reset(item);
    this.available.push(item);
  }
}

/** The bytes of one packed field: base64, Brotli-compressed first when the result says `"compression": "br"`. */
export function unpackBytes(base64: string, compression: string | undefined): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (compression === undefined || compression === 'none') return bytes;
  if (compression === 'br') return brotliDecompressSync(bytes);
  throw new TypeError(`unknown compression ${JSON.stringify(compression)} (expected "br" or "none")`);
}

/**
 * A voxel read's result with the voxels as objects: a `"encoding": "packed"` answer (base64
 * int32 LE x,y,z triples and RGBA bytes, maybe compressed, `layer_ids` when reading every layer)
 * is decoded; a JSON answer is returned as it is.
 */
export function decodeVoxels(result: VoxelsRegion | PackedVoxels): VoxelsRegion {
  if (!('encoding' in result) || result.encoding !== 'packed') return result as VoxelsRegion;
  const positions = unpackBytes(result.positions, result.compression);
  const colors = unpackBytes(result.colors, result.compression);
  const layers = result.layer_ids === undefined ? undefined : unpackBytes(result.layer_ids, result.compression);
  const voxels: VoxelsRegion['voxels'] = new Array(result.count);
  for (let i = 0; i < result.count; i++) {
    const voxel: VoxelsRegion['voxels'][number] = {
      x: positions.readInt32LE(i * 12),
      y: positions.readInt32LE(i * 12 + 4),
      z: positions.readInt32LE(i * 12 + 8),
      color: [colors[i * 4]!, colors[i * 4 + 1]!, colors[i * 4 + 2]!, colors[i * 4 + 3]!],
    };
    if (layers) voxel.layer_id = layers.readInt32LE(i * 4);
    voxels[i] = voxel;
  }
  return { voxels, count: result.count, truncated: result.truncated, ...(result.bbox ? { bbox: result.bbox } : {}) };
}
