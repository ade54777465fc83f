// A tool call through `goxel mcp` (official TypeScript SDK client, stdio) next to the same
// method called directly on the daemon's socket, sequentially, and a 512x512 render both ways.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [daemonPath, goxelPath] = process.argv.slice(2);
const calls = Number(process.env.MCP_BENCH_CALLS ?? 2000);
const renders = Number(process.env.MCP_BENCH_RENDERS ?? 20);

const folder = mkdtempSync(join(tmpdir(), 'goxel-mcp-bench-'));
const socketPath = join(folder, 'd.sock');
const daemon = spawn(daemonPath, ['--socket', socketPath, '--data-dir', join(folder, 'data')], { cwd: folder, stdio: 'ignore' });

/** Newline-delimited JSON-RPC on the daemon's socket, one call at a time. */
async function rawClient() {
  for (let i = 0; i < 400; i++) {
    const socket = await new Promise((resolve) => {
      const s = createConnection({ path: socketPath });
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(null));
    });
    if (socket) {
      let buffered = '';
      let waiting = null;
      socket.on('data', (chunk) => {
        buffered += chunk;
        const end = buffered.indexOf('\n');
        if (end >= 0 && waiting) { const line = buffered.slice(0, end); buffered = buffered.slice(end + 1); waiting(JSON.parse(line)); }
      });
      let id = 0;
      return {
        call: (method, params) => new Promise((resolve) => { waiting = resolve; socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params })}\n`); }),
        close: () => socket.destroy(),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('daemon did not start');
}

async function time(n, body) {
  for (let i = 0; i < Math.min(50, n); i++) await body(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await body();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

try {
  const raw = await rawClient();
  const mcp = new Client({ name: 'goxel-mcp-bench', version: '1.0.0' });
  await mcp.connect(new StdioClientTransport({ command: goxelPath, args: ['mcp', '--socket', socketPath] }));
  await mcp.callTool({ name: 'create_project', arguments: { name: 'bench' } });
  await mcp.callTool({ name: 'draw_sphere', arguments: { center: [0, 0, 16], radius: 16, color: '#CC4422' } });

  const direct = await time(calls, () => raw.call('goxel.get_project_info', {}));
  const through = await time(calls, () => mcp.callTool({ name: 'get_project_info', arguments: {} }));
  const renderDirect = await time(renders, () => raw.call('goxel.render_image', { width: 512, height: 512, camera_preset: 'isometric', format: 'png' }));
  const renderThrough = await time(renders, () => mcp.callTool({ name: 'render', arguments: { width: 512, height: 512, camera: 'isometric' } }));

  const ms = (v) => `${v.toFixed(3)} ms`;
  console.log(`get_project_info, ${calls} sequential calls: daemon socket ${ms(direct)}/call, goxel mcp tool ${ms(through)}/call, ratio ${(through / direct).toFixed(1)}x`);
  console.log(`render 512x512 (sphere r=16, ${renders} calls): daemon render_image ${ms(renderDirect)}/call, goxel mcp render tool ${ms(renderThrough)}/call, ratio ${(renderThrough / renderDirect).toFixed(2)}x`);
  raw.close();
  await mcp.close();
} finally {
  daemon.kill('SIGTERM');
  await new Promise((r) => daemon.once('exit', r));
  rmSync(folder, { recursive: true, force: true });
}
