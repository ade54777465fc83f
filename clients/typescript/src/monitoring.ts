import type { GoxelDaemonClient } from './client.js';
import type { AddVoxelBatchParams, AddVoxelParams, BatchResult, VoxelResult } from './types.js';

/** The guide's metrics snapshot (latencies in ms, memory in MB). */
export interface MonitorMetrics {
  requests: { total: number; success: number; failed: number; avgLatency: number; minLatency: number; maxLatency: number };
  throughput: { requestsPerSecond: number; voxelsPerSecond: number; operationsPerMinute: number };
  memory: { heapUsed: number; heapTotal: number; external: number; rss: number };
}

/** What alert rules look at: average latency (ms), throughput (ops/s), memory (MB RSS), error rate (0-1). */
export interface PerformanceMetrics {
  avgLatency: number;
  throughput: number;
  memoryUsage: number;
  errorRate: number;
}

export interface AlertRule {
  name: string;
  condition(metrics: PerformanceMetrics): boolean;
  action(metrics: PerformanceMetrics): void;
}

/** The guide's four rules: latency > 10 ms, throughput < 100 ops/s, memory > 200 MB, error rate > 5%. */
export function defaultAlertRules(): AlertRule[] {
  return [
    { name: 'High Latency', condition: (m) => m.avgLatency > 10, action: (m) => console.warn(`High latency detected: ${m.avgLatency}ms`) },
    { name: 'Low Throughput', condition: (m) => m.throughput < 100, action: (m) => console.warn(`Low throughput: ${m.throughput} ops/sec`) },
    { name: 'Memory Usage', condition: (m) => m.memoryUsage > 200, action: (m) => console.warn(`High memory usage: ${m.memoryUsage}MB`) },
    { name: 'Error Rate', condition: (m) => m.errorRate > 0.05, action: (m) => console.error(`High error rate: ${m.errorRate * 100}%`) },
  ];
}

const BUCKET_MS = 100;

/**
 * The guide's PerformanceMonitor: request counts, latency over the last 100 requests, throughput
 * over a sliding window (10 s by default, in 100 ms buckets), process memory, and alert rules.
 */
export class PerformanceMonitor {
  readonly alerts: AlertRule[];
  private readonly maxLatencyHistory = 100;
  private readonly windowMs: number;
  private requests = { total: 0, success: 0, failed: 0, avgLatency: 0, minLatency: Infinity, maxLatency: 0 };
  private latencies: number[] = [];
  private buckets = new Map<number, { requests: number; voxels: number }>();
  private firstSample = Number.POSITIVE_INFINITY;
  private readonly now: () => number;

  constructor(options: { alerts?: AlertRule[]; windowMs?: number; now?: () => number } = {}) {
    this.alerts = options.alerts ?? defaultAlertRules();
    this.windowMs = options.windowMs ?? 10000;
    this.now = options.now ?? Date.now;
  }

  /** Starts timing one request; `end()` records its latency and returns it in ms. */
  startRequest(): { end: () => number } {
    const start = process.hrtime.bigint();
    return {
      end: () => {
        const latency = Number(process.hrtime.bigint() - start) / 1_000_000;
        this.recordLatency(latency);
        return latency;
      },
    };
  }

  /** Counts a success carrying `voxelCount` voxels toward throughput. */
  recordSuccess(voxelCount = 1): void {
    this.requests.success++;
    const now = this.now();
    const bucket = Math.floor(now / BUCKET_MS);
    const b = this.buckets.get(bucket) ?? { requests: 0, voxels: 0 };
    b.requests++;
    b.voxels += voxelCount;
    this.buckets.set(bucket, b);
    this.firstSample = Math.min(this.firstSample, now);
  }

  recordFailure(): void {
    this.requests.failed++;
  }

  /** A snapshot with throughput and memory brought up to date. */
  getMetrics(): MonitorMetrics {
    const mem = process.memoryUsage();
    const mb = (n: number) => n / 1024 / 1024;
    return {
      requests: { ...this.requests },
      throughput: this.throughput(),
      memory: { heapUsed: mb(mem.heapUsed), heapTotal: mb(mem.heapTotal), external: mb(mem.external), rss: mb(mem.rss) },
    };
  }

  /** The four numbers alert rules look at, from the current metrics. */
  getAlertMetrics(): PerformanceMetrics {
    const m = this.getMetrics();
    const finished = m.requests.success + m.requests.failed;
    return {
      avgLatency: m.requests.avgLatency,
      throughput: m.throughput.requestsPerSecond,
      memoryUsage: m.memory.rss,
      errorRate: finished === 0 ? 0 : m.requests.failed / finished,
    };
  }

  /** Runs every rule whose condition holds; returns the names of those that fired. */
  checkAlerts(metrics: PerformanceMetrics = this.getAlertMetrics()): string[] {
    const fired: string[] = [];
    for (const rule of this.alerts) {
      if (rule.condition(metrics)) {
        rule.action(metrics);
        fired.push(rule.name);
      }
    }
    return fired;
  }

  reset(): void {
    this.requests = { total: 0, success: 0, failed: 0, avgLatency: 0, minLatency: Infinity, maxLatency: 0 };
    this.latencies = [];
    this.buckets.clear();
    this.firstSample = Number.POSITIVE_INFINITY;
  }

  private recordLatency(latency: number): void {
    const r = this.requests;
    r.total++;
    this.latencies.push(latency);
    if (this.latencies.length > this.maxLatencyHistory) this.latencies.shift();
    r.avgLatency = this.latencies.reduce((a, b) => a + b, 0) / this.latencies.length;
    r.minLatency = Math.min(r.minLatency, latency);
    r.maxLatency = Math.max(r.maxLatency, latency);
  }

  private throughput(): MonitorMetrics['throughput'] {
    const now = this.now();
    const nowBucket = Math.floor(now / BUCKET_MS);
    const oldest = nowBucket - Math.ceil(this.windowMs / BUCKET_MS) + 1;
    let requests = 0;
    let voxels = 0;
    for (const [bucket, b] of this.buckets) {
      if (bucket < oldest) {
        this.buckets.delete(bucket);
        continue;
      }
      requests += b.requests;
      voxels += b.voxels;
    }
    // Before a full window has passed, divide by the time actually observed.
    const seconds = Math.min(this.windowMs, Math.max(BUCKET_MS, now - this.firstSample)) / 1000;
    const requestsPerSecond = requests / seconds;
    return { requestsPerSecond, voxelsPerSecond: voxels / seconds, operationsPerMinute: requestsPerSecond * 60 };
  }
}

/** The guide's InstrumentedGoxelClient: client calls timed and counted by a PerformanceMonitor. */
export class InstrumentedGoxelClient {
  constructor(readonly client: GoxelDaemonClient, readonly monitor = new PerformanceMonitor()) {}

  addVoxel(params: AddVoxelParams): Promise<VoxelResult> {
    return this.track(1, () => this.client.addVoxel(params));
  }

  addVoxelBatch(params: AddVoxelBatchParams): Promise<BatchResult> {
    return this.track(params.voxels.length, () => this.client.addVoxelBatch(params));
  }

  /** Any method, timed and counted. */
  call<T = unknown>(method: string, params?: unknown): Promise<T> {
    return this.track(1, () => this.client.call<T>(method, params));
  }

  getPerformanceReport(): MonitorMetrics {
    return this.monitor.getMetrics();
  }

  private async track<T>(voxels: number, work: () => Promise<T>): Promise<T> {
    const timer = this.monitor.startRequest();
    try {
      const result = await work();
      this.monitor.recordSuccess(voxels);
      return result;
    } catch (error) {
      this.monitor.recordFailure();
      throw error;
    } finally {
      timer.end();
    }
  }
}
