import type { BatchResult, VoxelData } from './types.js';
import { chunkArray, ParallelProcessor } from './parallel.js';
import { withClient, type ClientSource } from './pool.js';
import { positionKey } from './voxels.js';

/** Where the voxels go: a layer and/or a project other than the current one. */
export interface BatchTarget {
  layer_id?: number;
  project_id?: string;
}

/**
 * The guide's BatchOptimizer: splits voxels into batches of the tested size (1000) and sends
 * at most `maxConcurrency` (3) at a time, over one pipelined connection or a pool.
 */
export class BatchOptimizer {
  /** The guide's measured batch sizes per kind of operation. */
  static readonly OPTIMAL_BATCH_SIZES = Object.freeze({
    voxel_operations: 1000,
    render_requests: 1,
    export_operations: 1,
    file_operations: 10,
  });

  readonly batchSize: number;
  readonly maxConcurrency: number;

  constructor(private readonly source: ClientSource, options: { batchSize?: number; maxConcurrency?: number } = {}) {
    this.batchSize = options.batchSize ?? BatchOptimizer.OPTIMAL_BATCH_SIZES.voxel_operations;
    this.maxConcurrency = options.maxConcurrency ?? 3;
  }

  /** Writes every voxel; resolves with the number of batches and voxels, rejects with the first failure. */
  async addVoxelsOptimized(voxels: readonly VoxelData[], target: BatchTarget = {}): Promise<{ batches: number; count: number }> {
    const processor = new ParallelProcessor(this.maxConcurrency);
    const batches = chunkArray(voxels, this.batchSize);
    const results: BatchResult[] = await Promise.all(batches.map((batch) =>
      processor.process(() => withClient(this.source, (c) => c.addVoxelBatch({ ...target, voxels: batch })))));
    return { batches: batches.length, count: results.reduce((n, r) => n + r.count, 0) };
  }
}

interface PendingVoxel {
  voxel: VoxelData;
  waiters: { resolve(): void; reject(error: unknown): void }[];
}

/**
 * The guide's SmartBatcher: voxels added within a 50 ms window go out as one addVoxelBatch.
 * Voxels at the same position are de-duplicated, the last write wins, and every caller's
 * promise settles with the batch that carried (or replaced) its voxel. The window restarts on
 * each add, as in the guide; `maxBatchSize` pending voxels flush at once so a steady stream
 * cannot postpone the write forever.
 */
export class SmartBatcher {
  readonly batchDelay: number;
  readonly maxBatchSize: number;
  private readonly target: BatchTarget;
  private pending = new Map<string, PendingVoxel>();
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private sent = 0;

  constructor(private readonly source: ClientSource,
    options: { batchDelay?: number; maxBatchSize?: number; target?: BatchTarget } = {}) {
    this.batchDelay = options.batchDelay ?? 50;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.target = options.target ?? {};
  }

  /** Voxels waiting for the next flush (after de-duplication). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Batches sent so far. */
  get batchesSent(): number {
    return this.sent;
  }

  /** Queues a voxel; resolves once a batch containing it (or a later voxel at its position) is written. */
  addVoxelDeferred(voxel: VoxelData): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const key = positionKey(voxel.position);
      const existing = this.pending.get(key);
      if (existing) {
        existing.voxel = voxel;
        existing.waiters.push({ resolve, reject });
      } else {
        this.pending.set(key, { voxel, waiters: [{ resolve, reject }] });
      }
      if (this.pending.size >= this.maxBatchSize) {
        void this.flush();
        return;
      }
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), this.batchDelay);
    });
  }

  /** Sends what is pending now and waits for every batch in flight; never rejects (callers' promises carry errors). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size > 0) {
      const entries = [...this.pending.values()];
      this.pending = new Map();
      this.sent++;
      const sending = withClient(this.source, (c) => c.addVoxelBatch({ ...this.target, voxels: entries.map((e) => e.voxel) }))
        .then(
          () => { for (const e of entries) for (const w of e.waiters) w.resolve(); },
          (error: unknown) => { for (const e of entries) for (const w of e.waiters) w.reject(error); });
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    }
    await Promise.all([...this.inFlight]);
  }
}
