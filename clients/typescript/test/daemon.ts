import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The daemon executable: $GOXEL_DAEMON, else the repo's artifacts/bin/goxel-daemon (run scripts/build). */
export function daemonExecutable(): string {
  const fromEnv = process.env['GOXEL_DAEMON'];
  if (fromEnv) return fromEnv;
  // dist/test/daemon.js -> repo root is four levels up.
  const path = fileURLToPath(new URL('../../../../artifacts/bin/goxel-daemon', import.meta.url));
  if (!existsSync(path)) throw new Error(`goxel-daemon not found at ${path}: run scripts/build or set GOXEL_DAEMON`);
  return path;
}

/** A real goxel-daemon on a private temp socket. */
export class TestDaemon {
  private stderr = '';

  private constructor(readonly process: ChildProcess, readonly socketPath: string, readonly directory: string,
    readonly tcpPort: number | undefined) {
    process.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
  }

  /** Starts a daemon (optionally with a TCP listener too) and waits until its socket accepts. */
  static async start(options: { tcp?: boolean; socketPath?: string; args?: string[] } = {}): Promise<TestDaemon> {
    const directory = mkdtempSync(join(tmpdir(), 'goxel-ts-'));
    const socketPath = options.socketPath ?? join(directory, 'd.sock');
    // Its own data directory, removed with the scratch directory, so test daemons never share one.
    const args = ['--socket', socketPath, '--data-dir', join(directory, 'data'), ...(options.args ?? [])];
    const tcpPort = options.tcp ? await freePort() : undefined;
    if (tcpPort !== undefined) args.push('--tcp', `127.0.0.1:${tcpPort}`);
    // Each daemon keeps its renders in its own folder, removed with it.
    const env = { ...process.env, GOXEL_RENDER_DIR: join(directory, 'renders') };
    const child = spawn(daemonExecutable(), args, { cwd: directory, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const daemon = new TestDaemon(child, socketPath, directory, tcpPort);
    await daemon.waitUntilListening();
    return daemon;
  }

  /** The token the daemon generated for its TCP port (beside the socket, mode 0600). */
  tcpToken(): string {
    return readFileSync(`${this.socketPath}.token`, 'utf8').trim();
  }

  get log(): string {
    return this.stderr;
  }

  /** SIGTERM, then waits for exit; removes the scratch directory. */
  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    rmSync(this.directory, { recursive: true, force: true });
  }

  /**
   * SIGSTOP, then waits until every thread has stopped. A stop is asynchronous: the kernel wakes
   * one thread to begin it, and on a loaded machine another thread woken by a request meanwhile
   * still answers it (seen: a ping answered after kill returned).
   */
  async pause(): Promise<void> {
    const pid = this.process.pid!;
    this.process.kill('SIGSTOP');
    const stopped = () => readdirSync(`/proc/${pid}/task`).every((task) => {
      try {
        return readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8').split(') ')[1]?.startsWith('T') ?? true;
      } catch {
        return true; // the thread ended
      }
    });
    const deadline = Date.now() + 10000;
    while (!stopped()) {
      if (Date.now() > deadline) throw new Error(`daemon ${pid} did not stop`);
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill(signal);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`daemon exited with ${this.process.exitCode}: ${this.stderr}`);
      if (await accepts(this.socketPath)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`daemon did not listen on ${this.socketPath}: ${this.stderr}`);
  }
}

function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
