import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function executable(variable, name) {
  const path = process.env[variable] || join(repo, 'artifacts/bin', name);
  if (!existsSync(path)) throw new Error(`${name} not found at ${path}: run scripts/build or set ${variable}`);
  return path;
}

/** The goxel command ($GOXEL_CLI, else artifacts/bin/goxel). */
export const goxel = () => executable('GOXEL_CLI', 'goxel');

/** The repository root, for docs. */
export const repoRoot = repo;

/** A real goxel-daemon on a private temp socket; stop() removes everything it wrote. */
export class TestDaemon {
  constructor(child, socketPath, directory) {
    this.child = child; this.socketPath = socketPath; this.directory = directory; this.stderr = '';
    child.stderr.on('data', (chunk) => { this.stderr += chunk; });
  }

  static async start(socketPath) {
    const directory = mkdtempSync(join(tmpdir(), 'goxel-mcp-'));
    const path = socketPath ?? join(directory, 'd.sock');
    // Its own data directory and render folder inside its scratch folder: never the user's.
    const child = spawn(executable('GOXEL_DAEMON', 'goxel-daemon'), ['--socket', path, '--data-dir', join(directory, 'data')], {
      cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOXEL_RENDER_DIR: join(directory, 'renders') },
    });
    const daemon = new TestDaemon(child, path, directory);
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${daemon.stderr}`);
      if (await accepts(path)) return daemon;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`daemon did not listen on ${path}: ${daemon.stderr}`);
  }

  /** SIGTERM and wait for the exit; keeps the folder when <keepFolder> (a restart on the same socket). */
  async stop(keepFolder = false) {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepFolder) rmSync(this.directory, { recursive: true, force: true });
  }
}

function accepts(path) {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The official TypeScript SDK client over `goxel mcp <args>` on stdio. With a transcript
 * array, every message in both directions is appended to it (images shortened).
 */
export async function connect(args, transcript, cwd) {
  // The whole environment (the SDK passes only a few variables by default): TMPDIR keeps what the
  // engine writes in the test's scratch space, and an embedded engine renders into its folder.
  const env = { ...process.env, ...(cwd ? { GOXEL_RENDER_DIR: join(cwd, 'renders') } : {}) };
  const transport = new StdioClientTransport({ command: goxel(), args: ['mcp', ...args], stderr: 'pipe', cwd, env });
  if (transcript) {
    const send = transport.send.bind(transport);
    transport.send = (message) => { transcript.push(['client', message]); return send(message); };
  }
  const client = new Client({ name: 'goxel-mcp-test', version: '1.0.0' });
  if (transcript) {
    const original = transport.onmessage;
    // The client installs its handler in connect(); wrap whatever it installs.
    Object.defineProperty(transport, 'onmessage', {
      configurable: true,
      get() { return this._wrapped; },
      set(handler) { this._wrapped = handler && ((message) => { transcript.push(['server', message]); handler(message); }); },
    });
    if (original) transport.onmessage = original;
  }
  await client.connect(transport);
  return client;
}
