import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BatchOptimizer, CachedGoxelClient, chunkArray, ConnectionPool, GoxelDaemonClient, InstrumentedGoxelClient, ObjectPool,
  ParallelProcessor, ParallelVoxelProcessor, PerformanceBenchmark, PerformanceMonitor, PerformanceProfiler, ProfiledOperations,
  ResponseCache, SmartBatcher, toRgba, VoxelBuffer, type AddVoxelBatchParams, type BatchResult, type VoxelData,
} from '../src/index.js';
import { TestDaemon } from './daemon.js';

/** A stand-in for the client that records batches and how many run at once. */
function recordingClient(delayMs = 5, fail?: Error) {
  const state = { batches: [] as AddVoxelBatchParams[], active: 0, maxActive: 0 };
  const client = {
    async addVoxelBatch(params: AddVoxelBatchParams): Promise<BatchResult> {
      state.batches.push(params);
      state.active++;
      state.maxActive = Math.max(state.maxActive, state.active);
      await new Promise((r) => setTimeout(r, delayMs));
      state.active--;
      if (fail) throw fail;
      return { success: true, count: params.voxels.length };
    },
  } as unknown as GoxelDaemonClient;
  return { client, state };
}

function sheet(count: number, color: [number, number, number, number] = [10, 20, 30, 255]): VoxelData[] {
  return Array.from({ length: count }, (_, i) => ({ position: [i % 50, Math.floor(i / 50) % 50, Math.floor(i / 2500)], color }));
}

describe('helpers against a real daemon', () => {
  let daemon: TestDaemon;
  let client: GoxelDaemonClient;

  before(async () => {
    daemon = await TestDaemon.start();
    client = new GoxelDaemonClient({ socketPath: daemon.socketPath });
    await client.connect();
  });
  after(async () => {
    await client.disconnect();
    await daemon.stop();
  });

  test('ConnectionPool opens at most `size` connections and hands each to one caller at a time', async () => {
    const pool = new ConnectionPool({ socketPath: daemon.socketPath, size: 3 });
    const holders = new Set<GoxelDaemonClient>();
    let concurrent = 0;
    let maxConcurrent = 0;
    await Promise.all(Array.from({ length: 12 }, (_, i) => pool.use(async (c) => {
      assert.ok(!holders.has(c), 'a client is never shared');
      holders.add(c);
      maxConcurrent = Math.max(maxConcurrent, ++concurrent);
      assert.deepEqual(await c.echo([i]), [i]);
      await new Promise((r) => setTimeout(r, 5));
      concurrent--;
      holders.delete(c);
    })));
    assert.equal(pool.openConnections, 3);
    assert.equal(maxConcurrent, 3);
    const c = await pool.getConnection();
    assert.equal((await c.ping()).pong, true);
    pool.returnConnection(c);
    assert.equal(pool.available, 3);
    const held = await Promise.all([pool.getConnection(), pool.getConnection(), pool.getConnection()]);
    const waiting = pool.getConnection();
    await pool.close();
    await assert.rejects(waiting, /pool is closed/);
    await assert.rejects(pool.getConnection());
    for (const h of held) pool.returnConnection(h);
  });

  test('BatchOptimizer writes every voxel in batches of batchSize over a pool', async () => {
    await client.createProject({ name: 'optimizer' });
    const pool = new ConnectionPool({ socketPath: daemon.socketPath, size: 3 });
    const optimizer = new BatchOptimizer(pool, { batchSize: 1000 });
    const voxels = sheet(2500, [1, 2, 3, 255]);
    assert.deepEqual(await optimizer.addVoxelsOptimized(voxels), { batches: 3, count: 2500 });
    await pool.close();
    assert.deepEqual((await client.getVoxel({ position: [49, 49, 0] })).color, [1, 2, 3, 255]);
    assert.deepEqual(await client.getBoundingBox(), { empty: false, min: [0, 0, 0], max: [49, 49, 0], dimensions: [50, 50, 1] });
  });

  test('SmartBatcher: one batch per window, last write wins, every promise settles', async () => {
    await client.createProject({ name: 'smart' });
    const batcher = new SmartBatcher(client);
    const promises = [
      batcher.addVoxelDeferred({ position: [0, 0, 0], color: [255, 0, 0, 255] }),
      batcher.addVoxelDeferred({ position: [1, 0, 0], color: [0, 255, 0, 255] }),
      batcher.addVoxelDeferred({ position: { x: 0, y: 0, z: 0 }, color: [0, 0, 255, 255] }),
    ];
    assert.equal(batcher.pendingCount, 2, 'duplicate position folded');
    await Promise.all(promises);
    assert.equal(batcher.batchesSent, 1);
    assert.deepEqual((await client.getVoxel({ position: [0, 0, 0] })).color, [0, 0, 255, 255]);
    assert.deepEqual((await client.getVoxel({ position: [1, 0, 0] })).color, [0, 255, 0, 255]);
  });

  test('ResponseCache-backed client serves reads until its own writes invalidate them', async () => {
    await client.createProject({ name: 'cache' });
    const cached = new CachedGoxelClient(client);
    await cached.addVoxelWithCacheInvalidation({ position: [1, 2, 3], color: [9, 9, 9, 255] });
    assert.deepEqual((await cached.getVoxelCached({ position: [1, 2, 3] })).color, [9, 9, 9, 255]);
    // A write that bypasses the wrapper is not seen: the read is served from the cache.
    await client.addVoxel({ position: [1, 2, 3], color: [7, 7, 7, 255] });
    assert.deepEqual((await cached.getVoxelCached({ position: [1, 2, 3] })).color, [9, 9, 9, 255]);
    const box = await cached.getBoundingBoxCached();
    assert.equal(box.empty, false);
    // A write through the wrapper drops that position (and the summaries), so the next read is fresh.
    await cached.addVoxelWithCacheInvalidation({ position: [1, 2, 3], color: [5, 5, 5, 255] });
    await cached.addVoxelWithCacheInvalidation({ position: [10, 2, 3], color: [5, 5, 5, 255] });
    assert.deepEqual((await cached.getVoxelCached({ position: [1, 2, 3] })).color, [5, 5, 5, 255]);
    assert.deepEqual(await cached.getBoundingBoxCached(), { empty: false, min: [1, 2, 3], max: [10, 2, 3], dimensions: [10, 1, 1] });
  });

  test('ParallelVoxelProcessor adds in batches of 500, three at a time', async () => {
    await client.createProject({ name: 'parallel' });
    const processor = new ParallelVoxelProcessor(client);
    await processor.addVoxelsParallel(sheet(1800, [4, 5, 6, 255]));
    assert.deepEqual((await client.getBoundingBox()).empty, false);
    assert.deepEqual((await client.getVoxel({ position: [49, 35, 0] })).color, [4, 5, 6, 255]);
  });

  test('InstrumentedGoxelClient counts successes, failures, voxels and latency', async () => {
    await client.createProject({ name: 'instrumented' });
    const instrumented = new InstrumentedGoxelClient(client);
    await instrumented.addVoxel({ position: [0, 0, 0], color: [1, 1, 1, 255] });
    await instrumented.addVoxelBatch({ voxels: sheet(100) });
    await assert.rejects(instrumented.call('no.such_method'));
    const report = instrumented.getPerformanceReport();
    assert.deepEqual([report.requests.total, report.requests.success, report.requests.failed], [3, 2, 1]);
    assert.ok(report.requests.minLatency > 0 && report.requests.maxLatency >= report.requests.avgLatency);
    assert.ok(report.throughput.voxelsPerSecond > 0);
    assert.ok(report.memory.rss > 0);
  });

  test('ProfiledOperations records each operation by name', async () => {
    const ops = new ProfiledOperations(client);
    await ops.createProject({ name: 'profiled' });
    await ops.addVoxelBatch({ voxels: sheet(10) });
    await ops.addVoxelBatch({ voxels: sheet(10) });
    const profiles = ops.profiler.getProfiles();
    assert.equal(profiles['create_project']?.calls, 1);
    assert.equal(profiles['add_voxel_batch']?.calls, 2);
    assert.match(ops.getProfileReport(), /add_voxel_batch:\n {2}Calls: 2\n {2}Total: [\d.]+ms\n {2}Average/);
  });

  test('PerformanceBenchmark.runFullBenchmark returns the guide\'s BenchmarkResults shape', async () => {
    const bench = new PerformanceBenchmark({
      socketPath: daemon.socketPath, connectionIterations: 5, singleVoxelIterations: 50,
      batchSizes: [10, 100], renderSizes: [{ width: 64, height: 64 }], memoryVoxelCount: 1000,
    });
    const results = await bench.runFullBenchmark();
    assert.equal(results.connection.iterations, 5);
    assert.ok(results.connection.minTime <= results.connection.averageTime && results.connection.averageTime <= results.connection.maxTime);
    assert.equal(results.voxelOperations.singleVoxelOperations.iterations, 50);
    assert.ok(results.voxelOperations.singleVoxelOperations.throughput > 0);
    assert.deepEqual(results.batchOperations.results.map((r) => r.batchSize), [10, 100]);
    for (const r of results.batchOperations.results) assert.ok(r.totalTime > 0 && r.throughput > 0 && r.timePerVoxel > 0);
    assert.equal(results.rendering.skipped, undefined, 'the daemon renders');
    assert.equal(results.rendering.results.length, 1);
    assert.ok(results.rendering.results[0]!.daemonRenderTime >= 0);
    assert.equal(results.memory.voxelCount, 1000);
    assert.ok(results.memory.finalMemory.rss > 0);
    assert.equal(typeof results.memory.memoryPerVoxel, 'number');
  });
});

describe('helpers in isolation', () => {
  test('BatchOptimizer never has more than maxConcurrency batches in flight', async () => {
    const { client, state } = recordingClient(10);
    const optimizer = new BatchOptimizer(client, { batchSize: 100, maxConcurrency: 3 });
    assert.deepEqual(await optimizer.addVoxelsOptimized(sheet(1050)), { batches: 11, count: 1050 });
    assert.equal(state.maxActive, 3);
    assert.deepEqual(state.batches.map((b) => b.voxels.length), [...Array(10).fill(100), 50]);
    assert.equal(BatchOptimizer.OPTIMAL_BATCH_SIZES.voxel_operations, 1000);
  });

  test('SmartBatcher rejects every caller when the batch fails, and flushes at maxBatchSize', async () => {
    const failing = recordingClient(1, new Error('boom'));
    const batcher = new SmartBatcher(failing.client);
    const results = await Promise.allSettled([
      batcher.addVoxelDeferred({ position: [0, 0, 0], color: [1, 1, 1, 255] }),
      batcher.addVoxelDeferred({ position: [0, 0, 0], color: [2, 2, 2, 255] }),
      batcher.addVoxelDeferred({ position: [1, 0, 0], color: [3, 3, 3, 255] }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);

    const ok = recordingClient(1);
    const small = new SmartBatcher(ok.client, { maxBatchSize: 10, batchDelay: 10000 });
    const started = Date.now();
    await Promise.all(sheet(25).map((v) => small.addVoxelDeferred(v)).slice(0, 20));
    assert.ok(Date.now() - started < 5000, 'full batches do not wait for the window');
    assert.equal(small.pendingCount, 5);
    await small.flush();
    assert.deepEqual(ok.state.batches.map((b) => b.voxels.length), [10, 10, 5]);
  });

  test('SmartBatcher restarts its window on each add (the guide\'s debounce)', async () => {
    const { client, state } = recordingClient(1);
    const batcher = new SmartBatcher(client, { batchDelay: 250 }); // wide enough that a loaded machine's late timers do not flush early
    const all: Promise<void>[] = [];
    for (let i = 0; i < 4; i++) {
      all.push(batcher.addVoxelDeferred({ position: [i, 0, 0], color: [1, 1, 1, 255] }));
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(state.batches.length, 0, 'nothing sent while adds keep coming');
    await Promise.all(all);
    assert.equal(state.batches.length, 1);
  });

  test('ResponseCache honours TTL and invalidates by substring', () => {
    let now = 1000;
    const cache = new ResponseCache(() => now);
    cache.set('project_info_current', { a: 1 });
    cache.set('layer_list_current', [1], 100);
    assert.deepEqual(cache.get('project_info_current'), { a: 1 });
    now += 101;
    assert.equal(cache.get('layer_list_current'), null, 'expired');
    assert.deepEqual(cache.get('project_info_current'), { a: 1 });
    now += ResponseCache.DEFAULT_TTL;
    assert.equal(cache.get('project_info_current'), null, 'default TTL is 5 s');
    cache.set('voxel:1,2,3@current/active', 1);
    cache.set('voxel:1,2,34@current/active', 2);
    cache.invalidate('voxel:1,2,3@');
    assert.equal(cache.get('voxel:1,2,3@current/active'), null);
    assert.equal(cache.get('voxel:1,2,34@current/active'), 2);
  });

  test('ParallelProcessor: bounded, first come first served, errors reach their caller, onIdle', async () => {
    const processor = new ParallelProcessor(2);
    const order: number[] = [];
    let active = 0;
    let maxActive = 0;
    const jobs = Array.from({ length: 6 }, (_, i) => processor.process(async () => {
      order.push(i);
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (i === 3) throw new Error('job 3');
      return i * 10;
    }));
    assert.equal(processor.queuedCount, 4);
    const settled = await Promise.allSettled(jobs);
    await processor.onIdle();
    assert.equal(maxActive, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(settled.map((s) => s.status === 'fulfilled' ? s.value : 'x'), [0, 10, 20, 'x', 40, 50]);
    assert.deepEqual(chunkArray([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  });

  test('PerformanceMonitor: counts, latency window, throughput over time, the guide\'s alert rules', () => {
    let now = 0;
    const fired: string[] = [];
    const monitor = new PerformanceMonitor({ now: () => now });
    for (const rule of monitor.alerts) rule.action = () => fired.push(rule.name);
    for (let i = 0; i < 50; i++) {
      const t = monitor.startRequest();
      monitor.recordSuccess(10);
      t.end();
      now += 20;
    }
    monitor.recordFailure();
    const m = monitor.getMetrics();
    assert.deepEqual([m.requests.total, m.requests.success, m.requests.failed], [50, 50, 1]);
    assert.ok(Math.abs(m.throughput.requestsPerSecond - 50) < 3, `~50 req/s, got ${m.throughput.requestsPerSecond}`);
    assert.ok(Math.abs(m.throughput.voxelsPerSecond - 500) < 30);
    assert.deepEqual(monitor.alerts.map((a) => a.name), ['High Latency', 'Low Throughput', 'Memory Usage', 'Error Rate']);
    assert.deepEqual(monitor.checkAlerts({ avgLatency: 11, throughput: 99, memoryUsage: 201, errorRate: 0.06 }),
      ['High Latency', 'Low Throughput', 'Memory Usage', 'Error Rate']);
    assert.deepEqual(monitor.checkAlerts({ avgLatency: 10, throughput: 100, memoryUsage: 200, errorRate: 0.05 }), []);
    assert.equal(fired.length, 4);
    assert.ok(monitor.getAlertMetrics().errorRate > 0.019 && monitor.getAlertMetrics().errorRate < 0.02);
    now += 60000;
    assert.equal(monitor.getMetrics().throughput.requestsPerSecond, 0, 'old samples leave the window');
    monitor.reset();
    assert.equal(monitor.getMetrics().requests.total, 0);
  });

  test('PerformanceProfiler records failures too and formats the guide\'s report', async () => {
    const profiler = new PerformanceProfiler();
    await profiler.profile('ok', async () => 1);
    await assert.rejects(profiler.profile('bad', async () => { throw new Error('x'); }));
    assert.equal(profiler.getProfiles()['bad']?.calls, 1);
    assert.match(profiler.getReport(), /^Performance Profile Report:\n=+\nok:\n {2}Calls: 1\n/);
    profiler.reset();
    assert.deepEqual(profiler.getProfiles(), {});
  });

  test('VoxelBuffer grows, converts to objects and to packed little-endian base64', () => {
    const buffer = new VoxelBuffer(1);
    buffer.addVoxel(1, -2, 3, 4, 5, 6);
    buffer.addVoxel(7, 8, 9, 10, 11, 12, 13);
    assert.equal(buffer.count, 2);
    assert.deepEqual(buffer.toVoxelArray(), [{ position: [1, -2, 3], color: [4, 5, 6, 255] }, { position: [7, 8, 9], color: [10, 11, 12, 13] }]);
    const packed = buffer.toPacked();
    const positions = Buffer.from(packed.positions, 'base64');
    assert.equal(positions.length, 24);
    assert.equal(positions.readInt32LE(4), -2);
    assert.deepEqual([...Buffer.from(packed.colors, 'base64')], [4, 5, 6, 255, 10, 11, 12, 13]);
    buffer.clear();
    assert.equal(buffer.count, 0);
  });

  test('colour forms and ObjectPool', () => {
    assert.deepEqual(toRgba('#FF800040'), [255, 128, 0, 64]);
    assert.deepEqual(toRgba('#ff8000'), [255, 128, 0, 255]);
    assert.deepEqual(toRgba({ r: 1, g: 2, b: 3 }), [1, 2, 3, 255]);
    assert.deepEqual(toRgba([1, 2, 3]), [1, 2, 3, 255]);
    assert.throws(() => toRgba('red'), TypeError);
    const pool = new ObjectPool(() => ({ x: 0 }), (v) => { v.x = 0; }, 2);
    const a = pool.acquire();
    a.x = 5;
    pool.release(a);
    assert.equal(pool.acquire(), a);
    assert.equal(a.x, 0);
  });
});
