import type { Camera, RenderResult, VoxelData } from './types.js';
import { withClient, type ClientSource } from './pool.js';

/** Runs async operations at most `maxConcurrency` at a time, first come first served (the guide's ParallelProcessor). */
export class ParallelProcessor {
  readonly maxConcurrency: number;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(maxConcurrency = 5) {
    this.maxConcurrency = Math.max(1, maxConcurrency);
  }

  /** Operations running now. */
  get activeCount(): number {
    return this.active;
  }

  /** Operations waiting for a slot. */
  get queuedCount(): number {
    return this.queue.length;
  }

  /** Runs `operation` when a slot is free and settles with its outcome. */
  process<T>(operation: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        this.active++;
        let running: Promise<T>;
        try {
          running = operation();
        } catch (error) {
          running = Promise.reject(error);
        }
        running.then(resolve, reject).finally(() => {
          this.active--;
          this.next();
        });
      });
      this.next();
    });
  }

  /** Resolves when nothing is running or queued. */
  onIdle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.active < this.maxConcurrency && this.queue.length > 0) this.queue.shift()!();
    if (this.active === 0 && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

/** Splits `array` into consecutive chunks of `chunkSize`. */
export function chunkArray<T>(array: readonly T[], chunkSize: number): T[][] {
  const size = Math.max(1, Math.floor(chunkSize));
  const chunks: T[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/** A camera to render from, as the guide's renderMultipleAnglesParallel takes them. */
export interface CameraAngle {
  camera: Camera;
}

/** The guide's ParallelVoxelProcessor: batches of 500 voxels and renders, 3 at a time. */
export class ParallelVoxelProcessor {
  readonly batchSize: number;
  private readonly processor: ParallelProcessor;

  constructor(private readonly source: ClientSource, options: { concurrency?: number; batchSize?: number } = {}) {
    this.processor = new ParallelProcessor(options.concurrency ?? 3);
    this.batchSize = options.batchSize ?? 500;
  }

  /** Adds the voxels in batches; resolves when all are written, rejects with the first failure. */
  async addVoxelsParallel(voxels: readonly VoxelData[], params: { layer_id?: number; project_id?: string } = {}): Promise<void> {
    await Promise.all(chunkArray(voxels, this.batchSize).map((batch) =>
      this.processor.process(() => withClient(this.source, (c) => c.addVoxelBatch({ ...params, voxels: batch })))));
  }

  /** Renders one image per angle (512x512 PNG by default). */
  renderMultipleAnglesParallel(angles: readonly CameraAngle[], size: { width?: number; height?: number } = {}): Promise<RenderResult[]> {
    return Promise.all(angles.map((angle) => this.processor.process(() => withClient(this.source, (c) => c.renderImage({
      width: size.width ?? 512, height: size.height ?? 512, camera: angle.camera, format: 'png',
    })))));
  }
}
