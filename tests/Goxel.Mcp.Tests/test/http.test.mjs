// goxel mcp --http: the streamable HTTP transport on loopback, through the official SDK's client.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { goxel } from './goxel.mjs';

let folder;
let server;
let url;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'goxel-mcp-http-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}/mcp`;
  server = spawn(goxel(), ['mcp', '--embedded', '--http', `127.0.0.1:${port}`], {
    cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOXEL_RENDER_DIR: join(folder, 'renders') },
  });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no HTTP endpoint within 60 s: ${log}`)), 60000);
    server.stderr.on('data', (chunk) => { log += chunk; if (log.includes('streamable HTTP on')) { clearTimeout(timer); resolve(); } });
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`goxel mcp --http exited with ${code}: ${log}`)); });
  });
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

test('the SDK client lists and calls tools over streamable HTTP', async () => {
  const client = new Client({ name: 'goxel-mcp-http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    assert.ok((await client.listTools()).tools.some((t) => t.name === 'render'));
    const created = await client.callTool({ name: 'create_project', arguments: { name: 'over-http' } });
    assert.ok(!created.isError);
    assert.equal(JSON.parse(created.content[0].text).name, 'over-http');
    const render = await client.callTool({ name: 'render', arguments: { width: 64, height: 64 } });
    assert.equal(render.content[0].mimeType, 'image/png');
  } finally {
    await client.close();
  }
});

test('a request from a foreign web origin is refused', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Origin: 'http://attacker.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  });
  assert.equal(response.status, 403);
});

test('a non-loopback address is refused at start', async () => {
  await assert.rejects(promisify(execFile)(goxel(), ['mcp', '--embedded', '--http', '0.0.0.0:8765'], { timeout: 60000 }),
    (error) => error.code === 2 && /loopback only/.test(error.stderr));
});
