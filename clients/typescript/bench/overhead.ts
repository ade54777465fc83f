// Client overhead over a raw socket, and the guide's suite through the client.
//   npm run bench                      (starts its own daemon from artifacts/bin or $GOXEL_DAEMON)
//   GOXEL_SOCKET=/tmp/x.sock npm run bench   (uses a running daemon)
// Env: SEQUENTIAL (default 20000), PIPELINED (default 100000), RUNS (median of, default 5), SUITE=0 to skip the suite.
import { createConnection, type Socket } from 'node:net';
import { cpus } from 'node:os';
import { GoxelDaemonClient, PerformanceBenchmark } from '../src/index.js';
import { TestDaemon } from '../test/daemon.js';

const sequential = Number(process.env['SEQUENTIAL'] ?? 20000);
const pipelined = Number(process.env['PIPELINED'] ?? 100000);

function rawConnection(path: string): Promise<{ socket: Socket; lines: (n: number) => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ path });
    let pending = 0;
    let done: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) pending--;
      if (pending <= 0 && done) { const d = done; done = undefined; d(); }
    });
    socket.once('error', reject);
    socket.once('connect', () => resolve({
      socket,
      // Waits until n more response lines have arrived.
      lines: (n) => new Promise<void>((r) => { pending += n; if (pending <= 0) r(); else done = r; }),
    }));
  });
}

const ping = (id: number) => `{"jsonrpc":"2.0","method":"ping","id":${id}}\n`;

async function rawSequential(path: string): Promise<number> {
  const raw = await rawConnection(path);
  const start = process.hrtime.bigint();
  for (let i = 1; i <= sequential; i++) {
    const answered = raw.lines(1);
    raw.socket.write(ping(i));
    await answered;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  raw.socket.destroy();
  return ms;
}

async function rawPipelined(path: string): Promise<number> {
  const raw = await rawConnection(path);
  const start = process.hrtime.bigint();
  const answered = raw.lines(pipelined);
  // Same coalescing as the client: 256 KiB writes.
  let chunk = '';
  for (let i = 1; i <= pipelined; i++) {
    chunk += ping(i);
    if (chunk.length >= 256 * 1024) { raw.socket.write(chunk); chunk = ''; }
  }
  raw.socket.write(chunk);
  await answered;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  raw.socket.destroy();
  return ms;
}

async function clientSequential(path: string): Promise<number> {
  const client = new GoxelDaemonClient({ socketPath: path });
  await client.connect();
  const start = process.hrtime.bigint();
  for (let i = 0; i < sequential; i++) await client.ping();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await client.disconnect();
  return ms;
}

async function clientPipelined(path: string): Promise<number> {
  const client = new GoxelDaemonClient({ socketPath: path, timeout: 120000 });
  await client.connect();
  const start = process.hrtime.bigint();
  const calls = new Array<Promise<unknown>>(pipelined);
  for (let i = 0; i < pipelined; i++) calls[i] = client.ping();
  await Promise.all(calls);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await client.disconnect();
  return ms;
}

const runs = Number(process.env['RUNS'] ?? 5);
const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs raw and client alternately, `runs` times: on a shared, noisy machine the load drifts
 * between runs, and pairing each client run with the raw run next to it cancels most of that.
 * Returns the medians of raw, client and the per-pair ratio.
 */
async function paired(raw: () => Promise<number>, client: () => Promise<number>) {
  const r: number[] = [];
  const c: number[] = [];
  const ratio: number[] = [];
  for (let i = 0; i < runs; i++) {
    r.push(await raw());
    c.push(await client());
    ratio.push(c[i]! / r[i]!);
  }
  return { raw: middle(r), client: middle(c), ratio: middle(ratio) };
}

const daemon = process.env['GOXEL_SOCKET'] ? undefined : await TestDaemon.start();
const path = process.env['GOXEL_SOCKET'] ?? daemon!.socketPath;
try {
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}; ${runs} paired runs; method: ping`);
  await rawSequential(path); // warm-up of the daemon's paths
  const seq = await paired(() => rawSequential(path), () => clientSequential(path));
  console.log(`sequential ${sequential} calls: raw socket ${(seq.raw * 1000 / sequential).toFixed(1)} us/call, `
    + `client ${(seq.client * 1000 / sequential).toFixed(1)} us/call, client/raw x${seq.ratio.toFixed(2)} (median of paired runs)`);
  const pipe = await paired(() => rawPipelined(path), () => clientPipelined(path));
  console.log(`pipelined ${pipelined} calls: raw socket ${pipe.raw.toFixed(0)} ms (${Math.round(pipelined / pipe.raw * 1000)} calls/s), `
    + `client ${pipe.client.toFixed(0)} ms (${Math.round(pipelined / pipe.client * 1000)} calls/s), client/raw x${pipe.ratio.toFixed(2)}`);
  if (process.env['SUITE'] !== '0') {
    const results = await new PerformanceBenchmark({ socketPath: path }).runFullBenchmark();
    console.log(JSON.stringify(results, null, 2));
  }
} finally {
  await daemon?.stop();
}
