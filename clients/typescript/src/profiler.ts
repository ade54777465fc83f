import type { GoxelDaemonClient } from './client.js';
import type { AddVoxelBatchParams, BatchResult, CreateProjectParams, CreateProjectResult, RenderImageParams, RenderResult } from './types.js';

/** Call statistics of one profiled operation (milliseconds). */
export interface ProfileStats {
  calls: number;
  totalTime: number;
  minTime: number;
  maxTime: number;
}

/** The guide's PerformanceProfiler: per-name call count and total/min/max/average time. */
export class PerformanceProfiler {
  private readonly profiles = new Map<string, ProfileStats>();

  /** Runs `fn` and records how long it took under `name`, whether it succeeded or failed. */
  profile<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    return fn().finally(() => this.record(name, Number(process.hrtime.bigint() - start) / 1_000_000));
  }

  /** A copy of the statistics per name. */
  getProfiles(): Record<string, ProfileStats & { averageTime: number }> {
    const out: Record<string, ProfileStats & { averageTime: number }> = {};
    for (const [name, s] of this.profiles) out[name] = { ...s, averageTime: s.totalTime / s.calls };
    return out;
  }

  /** The guide's text report. */
  getReport(): string {
    let report = 'Performance Profile Report:\n';
    report += '================================\n';
    for (const [name, s] of this.profiles) {
      report += `${name}:\n`;
      report += `  Calls: ${s.calls}\n`;
      report += `  Total: ${s.totalTime.toFixed(2)}ms\n`;
      report += `  Average: ${(s.totalTime / s.calls).toFixed(2)}ms\n`;
      report += `  Min: ${s.minTime.toFixed(2)}ms\n`;
      report += `  Max: ${s.maxTime.toFixed(2)}ms\n\n`;
    }
    return report;
  }

  reset(): void {
    this.profiles.clear();
  }

  private record(name: string, duration: number): void {
    const s = this.profiles.get(name) ?? { calls: 0, totalTime: 0, minTime: Infinity, maxTime: 0 };
    s.calls++;
    s.totalTime += duration;
    s.minTime = Math.min(s.minTime, duration);
    s.maxTime = Math.max(s.maxTime, duration);
    this.profiles.set(name, s);
  }
}

/** The guide's ProfiledOperations: the heavy client calls, each recorded in a profiler. */
export class ProfiledOperations {
  constructor(private readonly client: GoxelDaemonClient, readonly profiler = new PerformanceProfiler()) {}

  createProject(params: CreateProjectParams): Promise<CreateProjectResult> {
    return this.profiler.profile('create_project', () => this.client.createProject(params));
  }

  addVoxelBatch(params: AddVoxelBatchParams): Promise<BatchResult> {
    return this.profiler.profile('add_voxel_batch', () => this.client.addVoxelBatch(params));
  }

  renderImage(params: RenderImageParams): Promise<RenderResult> {
    return this.profiler.profile('render_image', () => this.client.renderImage(params));
  }

  getProfileReport(): string {
    return this.profiler.getReport();
  }
}
