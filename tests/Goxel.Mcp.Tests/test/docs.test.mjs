// The host configuration snippets in docs/mcp.md parse and say what each host expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docSnippets } from './snippets.mjs';

const snippets = docSnippets();

test('the Claude Desktop snippet starts goxel mcp', () => {
  const server = snippets['claude-desktop'].mcpServers.goxel;
  assert.equal(server.command, 'goxel');
  assert.equal(server.args[0], 'mcp');
});

test('the VS Code snippet is a stdio server running goxel mcp', () => {
  const server = snippets.vscode.servers.goxel;
  assert.equal(server.type, 'stdio');
  assert.equal(server.command, 'goxel');
  assert.deepEqual(server.args.slice(0, 2), ['mcp', '--socket']);
});

test('the Inspector snippet is an mcpServers config for goxel mcp', () => {
  const server = snippets.inspector.mcpServers.goxel;
  assert.equal(server.command, 'goxel');
  assert.equal(server.args[0], 'mcp');
});
