// A real goxel-daemon with the viewer on a free loopback port, a JSON-lines client for its Unix
// socket, and headless Chromium: what the browser tests and bench/viewer drive.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** The repository root (for docs/images). */
export const repoRoot = repo;

function daemonPath() {
  const path = process.env.GOXEL_DAEMON || join(repo, 'artifacts/bin/goxel-daemon');
  if (!existsSync(path)) throw new Error(`goxel-daemon not found at ${path}: run scripts/build or set GOXEL_DAEMON`);
  return path;
}

/** A port nobody listens on now. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Does something accept connections at this Unix socket path or TCP port? */
function accepts(target) {
  return new Promise((resolve) => {
    const socket = createConnection(target);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** goxel-daemon serving the viewer; stop() removes its folder (socket, data, renders). */
export class ViewerDaemon {
  stderr = '';

  constructor(directory, port, token) {
    this.directory = directory;
    this.port = port;
    this.token = token;
    this.socketPath = join(directory, 'd.sock');
    this.origin = `http://127.0.0.1:${port}`;
  }

  /** Starts a daemon with a fresh folder, port and token. */
  static async start() {
    const daemon = new ViewerDaemon(mkdtempSync(join(tmpdir(), 'goxel-viewer-')), await freePort(), randomBytes(16).toString('hex'));
    await daemon.run();
    return daemon;
  }

  /** Starts the process (again, after stop(true): same folder, data directory, port and token). */
  async run() {
    const child = spawn(daemonPath(), ['--socket', this.socketPath, '--data-dir', join(this.directory, 'data'), '--http', `127.0.0.1:${this.port}`], {
      cwd: this.directory,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GOXEL_TOKEN: this.token, GOXEL_RENDER_DIR: join(this.directory, 'renders') },
    });
    this.child = child;
    child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${this.stderr}`);
      if (await accepts(this.socketPath) && await accepts({ host: '127.0.0.1', port: this.port })) return;
      await delay(25);
    }
    throw new Error(`daemon did not listen: ${this.stderr}`);
  }

  /** SIGTERM and wait for the exit; keeps the folder when <keepFolder> (a restart follows). */
  async stop(keepFolder = false) {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepFolder) rmSync(this.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** JSON-RPC over the daemon's Unix socket, one JSON line per request, answers matched by id. */
export class SocketClient {
  #socket;
  #pending = new Map();
  #buffer = '';
  #next = 1;

  static async connect(path) {
    const client = new SocketClient();
    client.#socket = createConnection(path);
    await new Promise((resolve, reject) => { client.#socket.once('connect', resolve); client.#socket.once('error', reject); });
    client.#socket.setEncoding('utf8');
    client.#socket.on('data', (text) => client.#receive(text));
    return client;
  }

  #receive(text) {
    this.#buffer += text;
    let end;
    while ((end = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 1);
      if (!line.trim()) continue;
      const message = JSON.parse(line);
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (!waiter) continue;
      if (message.error) waiter.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiter.resolve(message.result);
    }
  }

  /** Sends one request and resolves with its result (rejects with its error). */
  call(method, params) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket.write(`${JSON.stringify({ jsonrpc: '2.0', method, params, id })}\n`);
    });
  }

  close() {
    this.#socket.destroy();
  }
}

/** Headless Chromium (Debian's) with a profile of its own, removed by close(). */
export async function launchBrowser(viewport = { width: 1024, height: 640 }) {
  const profile = mkdtempSync(join(tmpdir(), 'goxel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.GOXEL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    viewport,
    acceptDownloads: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Waits until the project page has drawn a version past <version> and returns its stats. */
export async function renderedPast(page, version, timeout = 30000) {
  await page.waitForFunction((v) => (window.__goxelViewer?.lastVersionRendered ?? -1) > v, version, { timeout, polling: 10 });
  return page.evaluate(() => ({ ...window.__goxelViewer }));
}

/** Waits until the page has drawn the version the daemon's API reports for the project now. */
export async function caughtUp(page, projectId, timeout = 30000) {
  await page.waitForFunction(async (id) => {
    const response = await fetch(`/api/projects/${id}`, { cache: 'no-store' });
    return response.ok && (window.__goxelViewer?.lastVersionRendered ?? -1) >= (await response.json()).version;
  }, projectId, { timeout, polling: 50 });
}
