import { GoxelDaemonClient } from './client.js';
import { GoxelRpcError } from './errors.js';
import type { GoxelDaemonClientOptions } from './json-rpc-client.js';
import type { VoxelData } from './types.js';

export interface BenchmarkResults {
  connection: ConnectionBenchmark;
  voxelOperations: VoxelOperationsBenchmark;
  batchOperations: BatchOperationsBenchmark;
  rendering: RenderingBenchmark;
  memory: MemoryBenchmark;
}

export interface ConnectionBenchmark {
  iterations: number;
  averageTime: number;
  minTime: number;
  maxTime: number;
}

export interface VoxelOperationsBenchmark {
  singleVoxelOperations: { iterations: number; averageTime: number; throughput: number };
}

export interface BatchOperationsBenchmark {
  results: BatchSizeResult[];
}

export interface BatchSizeResult {
  batchSize: number;
  totalTime: number;
  timePerVoxel: number;
  throughput: number;
}

export interface RenderingBenchmark {
  results: RenderSizeResult[];
  /** Set when the daemon cannot render (goxel.render_image missing); results is then empty. */
  skipped?: string;
}

export interface RenderSizeResult {
  width: number;
  height: number;
  renderTime: number;
  pixelsPerSecond: number;
  daemonRenderTime: number;
}

export interface MemoryBenchmark {
  voxelCount: number;
  initialMemory: MemoryStats;
  finalMemory: MemoryStats;
  /** Client heap bytes per voxel sent, as in the guide (the daemon's memory is not in it). */
  memoryPerVoxel: number;
}

export interface MemoryStats {
  heapUsed: number;
  heapTotal: number;
  rss: number;
}

/** Sizes of each part of the suite; the defaults are the guide's. */
export interface BenchmarkOptions extends GoxelDaemonClientOptions {
  connectionIterations?: number;
  singleVoxelIterations?: number;
  batchSizes?: number[];
  renderSizes?: { width: number; height: number }[];
  memoryVoxelCount?: number;
}

/**
 * The guide's automated benchmark suite against a running daemon: 100 connects, 1000 single
 * adds, batches of 10-5000, renders 256²-2048², and a 10,000-voxel memory test.
 */
export class PerformanceBenchmark {
  private readonly client: GoxelDaemonClient;
  private readonly options: Required<Omit<BenchmarkOptions, keyof GoxelDaemonClientOptions>>;

  constructor(private readonly clientOptions: BenchmarkOptions = {}) {
    this.client = new GoxelDaemonClient({ socketPath: '/tmp/goxel-daemon.sock', autoReconnect: true, timeout: 60000, ...clientOptions });
    this.options = {
      connectionIterations: clientOptions.connectionIterations ?? 100,
      singleVoxelIterations: clientOptions.singleVoxelIterations ?? 1000,
      batchSizes: clientOptions.batchSizes ?? [10, 100, 500, 1000, 5000],
      renderSizes: clientOptions.renderSizes ?? [
        { width: 256, height: 256 }, { width: 512, height: 512 }, { width: 1024, height: 1024 }, { width: 2048, height: 2048 }],
      memoryVoxelCount: clientOptions.memoryVoxelCount ?? 10000,
    };
  }

  async runFullBenchmark(): Promise<BenchmarkResults> {
    await this.client.connect();
    try {
      return {
        connection: await this.benchmarkConnection(),
        voxelOperations: await this.benchmarkVoxelOperations(),
        batchOperations: await this.benchmarkBatchOperations(),
        rendering: await this.benchmarkRendering(),
        memory: await this.benchmarkMemoryUsage(),
      };
    } finally {
      await this.client.disconnect();
    }
  }

  private async benchmarkConnection(): Promise<ConnectionBenchmark> {
    const iterations = this.options.connectionIterations;
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const client = new GoxelDaemonClient({ ...this.clientOptions, autoReconnect: false });
      const start = process.hrtime.bigint();
      await client.connect();
      times.push(elapsedMs(start));
      await client.disconnect();
    }
    return { iterations, averageTime: mean(times), minTime: Math.min(...times), maxTime: Math.max(...times) };
  }

  private async benchmarkVoxelOperations(): Promise<VoxelOperationsBenchmark> {
    await this.client.createProject({ name: 'Benchmark Project' });
    const iterations = this.options.singleVoxelIterations;
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint();
      await this.client.addVoxel({ position: [i % 64, -16, Math.floor(i / 64) % 64], color: [255, 0, 0, 255] });
      times.push(elapsedMs(start));
    }
    const averageTime = mean(times);
    return { singleVoxelOperations: { iterations, averageTime, throughput: 1000 / averageTime } };
  }

  private async benchmarkBatchOperations(): Promise<BatchOperationsBenchmark> {
    const results: BatchSizeResult[] = [];
    for (const batchSize of this.options.batchSizes) {
      const voxels = generateTestVoxels(batchSize);
      const start = process.hrtime.bigint();
      await this.client.addVoxelBatch({ voxels });
      const totalTime = elapsedMs(start);
      results.push({ batchSize, totalTime, timePerVoxel: totalTime / batchSize, throughput: batchSize / (totalTime / 1000) });
    }
    return { results };
  }

  private async benchmarkRendering(): Promise<RenderingBenchmark> {
    const results: RenderSizeResult[] = [];
    for (const size of this.options.renderSizes) {
      const start = process.hrtime.bigint();
      let result;
      try {
        result = await this.client.renderImage({
          width: size.width, height: size.height,
          camera: { position: [20, 20, 20], target: [0, -16, 0], up: [0, 1, 0], fov: 45 }, format: 'png',
        });
      } catch (error) {
        if (error instanceof GoxelRpcError && error.isNotImplemented) return { results, skipped: error.message };
        throw error;
      }
      const renderTime = elapsedMs(start);
      results.push({
        width: size.width, height: size.height, renderTime,
        pixelsPerSecond: (size.width * size.height) / (renderTime / 1000), daemonRenderTime: result.render_time_ms,
      });
    }
    return { results };
  }

  private async benchmarkMemoryUsage(): Promise<MemoryBenchmark> {
    const initial = process.memoryUsage();
    await this.client.createProject({ name: 'Memory Test' });
    const voxelCount = this.options.memoryVoxelCount;
    await this.client.addVoxelBatch({ voxels: generateTestVoxels(voxelCount) });
    const final = process.memoryUsage();
    return {
      voxelCount, initialMemory: memoryStats(initial), finalMemory: memoryStats(final),
      memoryPerVoxel: (final.heapUsed - initial.heapUsed) / voxelCount,
    };
  }
}

/** The guide's test voxels: a 64-wide sheet at y = -16, random opaque colours. */
export function generateTestVoxels(count: number): VoxelData[] {
  const voxels: VoxelData[] = [];
  for (let i = 0; i < count; i++) {
    voxels.push({
      position: [i % 64, -16, Math.floor(i / 64) % 64],
      color: [Math.floor(Math.random() * 256), Math.floor(Math.random() * 256), Math.floor(Math.random() * 256), 255],
    });
  }
  return voxels;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1_000_000;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function memoryStats(m: NodeJS.MemoryUsage): MemoryStats {
  return { heapUsed: m.heapUsed / 1024 / 1024, heapTotal: m.heapTotal / 1024 / 1024, rss: m.rss / 1024 / 1024 };
}
