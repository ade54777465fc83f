import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  GoxelConnectionError, GoxelDaemonClient, GoxelRpcError, GoxelTimeoutError,
} from '../src/index.js';
import { TestDaemon } from './daemon.js';

describe('GoxelDaemonClient core', () => {
  let daemon: TestDaemon;
  let client: GoxelDaemonClient;

  before(async () => {
    daemon = await TestDaemon.start({ tcp: true, args: ['--max-request-bytes', '4096'] });
    client = new GoxelDaemonClient({ socketPath: daemon.socketPath, timeout: 10000 });
    await client.connect();
  });
  after(async () => {
    await client.disconnect();
    await daemon.stop();
  });

  test('diagnostics answer', async () => {
    assert.equal(client.isConnected(), true);
    assert.deepEqual((await client.ping()).pong, true);
    assert.equal((await client.getVersion()).protocol, 'JSON-RPC 2.0');
    assert.equal((await client.getStatus()).status, 'running');
    assert.ok((await client.listMethods()).count >= 34);
    assert.deepEqual(await client.echo({ a: [1, 'b'] }), { a: [1, 'b'] });
    assert.deepEqual(await client.call('echo', [1, 2]), [1, 2]);
  });

  test('performance metrics count requests by method', async () => {
    await client.ping();
    const before = await client.getPerformanceMetrics();
    await client.ping();
    await client.ping();
    const after = await client.getPerformanceMetrics();
    assert.equal(after.requests.methods.ping.count, before.requests.methods.ping.count + 2);
    const ping = after.requests.methods.ping;
    assert.ok(ping.p50_ms > 0 && ping.p50_ms <= ping.p99_ms && ping.p99_ms <= ping.max_ms);
    assert.ok(after.connections.by_transport.unix.current >= 1);
    assert.ok(after.connections.by_event_loop.reduce((a, b) => a + b, 0) >= 1);
    assert.ok(after.memory.rss_bytes > 0);
    assert.deepEqual(Object.keys(after.memory.blocks).sort(), ['dense', 'palette', 'sparse', 'uniform']);
    // Closing a project compacts the heap: a blocking full collection the figures show.
    const project = await client.createProject({ name: 'gc' });
    await client.closeProject(project.project_id);
    const { gc } = await client.getPerformanceMetrics();
    assert.ok(gc.gen2 > after.gc.gen2, JSON.stringify(gc));
    assert.ok(gc.pause_total_ms > 0 && gc.last_pause_ms.full_blocking > 0, JSON.stringify(gc));
  });

  test('10,000 pipelined calls on one connection come back matched by id', async () => {
    const n = 10000;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => client.echo({ i })));
    results.forEach((r, i) => assert.equal(r.i, i));
    assert.equal(client.inFlight, 0);
  });

  test('a daemon error rejects with GoxelRpcError carrying code and method', async () => {
    await assert.rejects(client.call('no.such_method'), (e: unknown) =>
      e instanceof GoxelRpcError && e.code === -32601 && e.method === 'no.such_method' && e.isNotImplemented);
    await assert.rejects(client.call('goxel.add_voxel', { x: 0, y: 0, z: 0, color: '#nothex' }),
      (e: unknown) => e instanceof GoxelRpcError && e.code === -32602);
    // The connection survives errors.
    assert.equal((await client.ping()).pong, true);
  });

  test('an oversized request fails on its own, answered with id null', async () => {
    const big = client.echo({ s: 'x'.repeat(8000) });
    const small = client.echo({ s: 'ok' });
    await assert.rejects(big, (e: unknown) => e instanceof GoxelRpcError && e.code === -32700);
    assert.deepEqual(await small, { s: 'ok' });
  });

  test('JSON-RPC batch: each element settles on its own', async () => {
    const results = await client.batch([
      { method: 'echo', params: { n: 1 } },
      { method: 'nope' },
      { method: 'echo', params: { n: 3 }, notification: true },
      { method: 'ping' },
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.deepEqual((results[0] as PromiseFulfilledResult<unknown>).value, { n: 1 });
    assert.equal(((results[1] as PromiseRejectedResult).reason as GoxelRpcError).code, -32601);
    assert.equal((results[2] as PromiseFulfilledResult<unknown>).value, undefined);
  });

  test('notify: executed in order, never answered', async () => {
    const { project_id } = await client.createProject({ name: 'notify' });
    await client.notify('goxel.add_voxel', { x: 5, y: 6, z: 7, color: '#102030', project_id });
    assert.deepEqual((await client.getVoxel({ position: [5, 6, 7], project_id })).color, [0x10, 0x20, 0x30, 255]);
    assert.equal(client.inFlight, 0);
  });

  test('TCP transport', async () => {
    const refused = new GoxelDaemonClient({ tcp: { host: '127.0.0.1', port: daemon.tcpPort! }, token: 'wrong-token' });
    await assert.rejects(refused.connect(), (e: unknown) => e instanceof GoxelConnectionError && /authentication failed/.test(e.message));
    const tcp = new GoxelDaemonClient({ tcp: { host: '127.0.0.1', port: daemon.tcpPort! }, token: daemon.tcpToken() });
    await tcp.connect();
    assert.equal((await tcp.ping()).pong, true);
    await tcp.disconnect();
    assert.equal(tcp.isConnected(), false);
  });

  test('calls before connect reject with GoxelConnectionError', async () => {
    const idle = new GoxelDaemonClient({ socketPath: daemon.socketPath });
    await assert.rejects(idle.ping(), GoxelConnectionError);
    const nowhere = new GoxelDaemonClient({ socketPath: `${daemon.socketPath}.missing` });
    await assert.rejects(nowhere.connect(), GoxelConnectionError);
  });

  test('disconnect lets calls already sent finish; calls made while closing fail at once', async () => {
    const c = new GoxelDaemonClient({ socketPath: daemon.socketPath });
    await c.connect();
    const calls = Array.from({ length: 100 }, (_, i) => c.echo([i]));
    const closing = c.disconnect();
    await assert.rejects(c.ping(), GoxelConnectionError);
    await closing;
    assert.deepEqual(await Promise.all(calls), Array.from({ length: 100 }, (_, i) => [i]));
    assert.equal(c.isConnected(), false);
    await assert.rejects(c.ping(), GoxelConnectionError);
  });
});

describe('timeouts and dropped connections', () => {
  test('a call that gets no answer rejects with GoxelTimeoutError; later calls still work', async () => {
    const daemon = await TestDaemon.start();
    const client = new GoxelDaemonClient({ socketPath: daemon.socketPath, timeout: 200 });
    try {
      await client.connect();
      await daemon.pause();
      const started = Date.now();
      await assert.rejects(client.ping(), (e: unknown) => e instanceof GoxelTimeoutError && e.timeoutMs === 200);
      assert.ok(Date.now() - started >= 190);
      await assert.rejects(client.ping({ timeout: 50 }), (e: unknown) => e instanceof GoxelTimeoutError && e.timeoutMs === 50);
      daemon.process.kill('SIGCONT');
      assert.equal((await client.ping({ timeout: 5000 })).pong, true);
    } finally {
      daemon.process.kill('SIGCONT');
      await client.disconnect();
      await daemon.stop();
    }
  });

  test('a dropped connection rejects in-flight calls; autoReconnect reconnects with backoff', async () => {
    const first = await TestDaemon.start();
    const client = new GoxelDaemonClient({ socketPath: first.socketPath, autoReconnect: true, timeout: 10000, reconnectDelay: 50 });
    const reconnects: number[] = [];
    client.on('reconnecting', (_attempt: number, delay: number) => reconnects.push(delay));
    let second: TestDaemon | undefined;
    try {
      await client.connect();
      await first.pause();
      const inFlight = Promise.allSettled([client.ping(), client.echo([1])]);
      const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
      await first.kill('SIGKILL');
      for (const call of await inFlight) {
        assert.equal(call.status, 'rejected');
        assert.ok((call as PromiseRejectedResult).reason instanceof GoxelConnectionError);
      }
      await disconnected;
      assert.equal(client.isConnected(), false);

      // A call made while the daemon is down waits for the reconnect (within its timeout).
      const waiting = client.echo(['after']);
      await new Promise((r) => setTimeout(r, 400));
      second = await TestDaemon.start({ socketPath: first.socketPath });
      assert.deepEqual(await waiting, ['after']);
      assert.equal(client.isConnected(), true);
      assert.ok(reconnects.length >= 2, `expected several attempts, saw ${reconnects}`);
      for (let i = 1; i < reconnects.length; i++) assert.ok(reconnects[i]! >= reconnects[i - 1]!, 'backoff grows');
    } finally {
      await client.disconnect();
      await second?.stop();
      await first.stop();
    }
  });

  test('after maxReconnectAttempts the client gives up: waiting calls fail, reconnectFailed fires', async () => {
    const daemon = await TestDaemon.start();
    const client = new GoxelDaemonClient({
      socketPath: daemon.socketPath, autoReconnect: true, reconnectDelay: 20, maxReconnectAttempts: 3, timeout: 10000,
    });
    const attempts: number[] = [];
    client.on('reconnecting', (attempt: number) => attempts.push(attempt));
    const gaveUp = new Promise((resolve) => client.once('reconnectFailed', resolve));
    await client.connect();
    const dropped = new Promise((resolve) => client.once('disconnect', resolve));
    await daemon.kill('SIGKILL');
    await dropped;
    const waiting = client.ping();
    const [settled] = await Promise.allSettled([waiting, gaveUp]);
    assert.equal(settled.status, 'rejected');
    const reason = (settled as PromiseRejectedResult).reason;
    assert.ok(reason instanceof GoxelConnectionError && /gave up/.test(reason.message), String(reason));
    assert.deepEqual(attempts, [1, 2, 3]);
    await client.disconnect();
    await daemon.stop();
  });

  test('without autoReconnect a dropped connection stays down', async () => {
    const daemon = await TestDaemon.start();
    const client = new GoxelDaemonClient({ socketPath: daemon.socketPath });
    await client.connect();
    await daemon.stop();
    await new Promise((resolve) => client.once('disconnect', resolve).isConnected() || resolve(undefined));
    await assert.rejects(client.ping(), GoxelConnectionError);
  });
});
