// A client nobody on the team wrote: the MCP Inspector's command-line mode, configured with the
// Inspector snippet from docs/mcp.md (goxel replaced by the built binary).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { goxel } from './goxel.mjs';
import { docSnippets } from './snippets.mjs';

const inspector = fileURLToPath(new URL('../node_modules/@modelcontextprotocol/inspector/cli/build/cli.js', import.meta.url));
let folder;
let config;

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'goxel-inspector-'));
  const snippet = docSnippets().inspector;
  snippet.mcpServers.goxel.command = goxel();
  // The embedded engine's render archive stays in the test's folder.
  snippet.mcpServers.goxel.env = { ...snippet.mcpServers.goxel.env, GOXEL_RENDER_DIR: join(folder, 'renders') };
  config = join(folder, 'goxel-mcp.json');
  writeFileSync(config, JSON.stringify(snippet));
});

after(() => rmSync(folder, { recursive: true, force: true }));

async function inspect(...args) {
  const { stdout } = await promisify(execFile)(process.execPath, [inspector, '--cli', '--config', config, '--server', 'goxel', ...args],
    { cwd: folder, timeout: 120000 });
  return JSON.parse(stdout);
}

test('the Inspector lists the tools', async () => {
  const { tools } = await inspect('--method', 'tools/list');
  const names = tools.map((t) => t.name);
  for (const name of ['create_project', 'add_voxels', 'render']) assert.ok(names.includes(name), name);
});

test('the Inspector calls a tool', async () => {
  const result = await inspect('--method', 'tools/call', '--tool-name', 'create_project', '--tool-arg', 'name=inspected', 'width=16');
  assert.ok(!result.isError);
  const answer = JSON.parse(result.content[0].text);
  assert.equal(answer.name, 'inspected');
  assert.equal(answer.width, 16);
});
