// goxel mcp through the official TypeScript MCP SDK: tools, a model built and rendered,
// resources, subscriptions, prompts, errors and a daemon that goes away and comes back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, TestDaemon } from './goxel.mjs';
import { countPixels, decodePng } from './png.mjs';

const expectedTools = [
  'create_project', 'load_project', 'save_project', 'export_model', 'list_projects', 'close_project', 'get_project_info',
  'undo', 'redo', 'add_voxels', 'remove_voxels', 'paint_voxels', 'flood_fill', 'draw_box', 'draw_sphere', 'draw_cylinder',
  'draw_line', 'list_layers', 'create_layer', 'delete_layer', 'set_active_layer', 'set_layer_visibility', 'merge_layers',
  'get_bounding_box', 'get_voxels_region', 'analyze_colors', 'find_voxels_by_color', 'execute_script', 'render',
];

// Shading darkens faces (a red front face renders about 137,0,0): red is "clearly red", not #FF0000.
const isRed = (r, g, b, a) => a > 0 && r >= 100 && g <= r * 0.3 && b <= r * 0.3;

/** Calls a tool and returns its result, failing the test on a tool error. */
async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.ok(!result.isError, `${name} failed: ${JSON.stringify(result.content)}`);
  return result;
}

const json = (result) => JSON.parse(result.content[0].text.split('\n')[0]);

describe('goxel mcp over a daemon', () => {
  let daemon;
  let client;
  const transcript = [];

  before(async () => {
    daemon = await TestDaemon.start();
    client = await connect(['--socket', daemon.socketPath], transcript);
  });

  after(async () => {
    await client?.close();
    await daemon?.stop();
    if (process.env.GOXEL_MCP_TRANSCRIPT) writeFileSync(process.env.GOXEL_MCP_TRANSCRIPT, JSON.stringify(transcript, null, 1));
  });

  test('lists every tool, each parameter with a concrete schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...expectedTools].sort());
    for (const tool of tools) {
      assert.ok(tool.description.length > 20, `${tool.name} has a description`);
      assert.equal(tool.inputSchema.type, 'object');
      for (const [name, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.equal(typeof schema, 'object', `${tool.name}.${name} has a schema object`);
        assert.ok(schema.type, `${tool.name}.${name} has a type`);
      }
    }
  });

  test('builds a model, renders it and reads it back as resources', async () => {
    const created = json(await call(client, 'create_project', { name: 'mcp-test', width: 32, height: 32, depth: 32 }));
    const id = created.project_id;
    await call(client, 'draw_box', { min: [-4, -4, 0], max: [3, 3, 0], color: '#FF0000' });
    await call(client, 'draw_sphere', { center: [0, 0, 6], radius: 2, rgba: [40, 80, 220] });
    await call(client, 'add_voxels', { voxels: [[0, 0, 12], [1, 0, 12, 255, 255, 0], [2, 0, 12, 0, 255, 0, 255]] });
    const info = json(await call(client, 'get_project_info', {}));
    assert.equal(info.voxel_count, 64 + 81 + 3);

    const render = await call(client, 'render', { width: 320, height: 240, camera: 'isometric' });
    const image = render.content.find((c) => c.type === 'image');
    assert.equal(image.mimeType, 'image/png');
    const png = decodePng(Buffer.from(image.data, 'base64'));
    assert.equal(png.width, 320);
    assert.equal(png.height, 240);
    assert.ok(countPixels(png, isRed) > 300, 'the red floor is in the picture');

    const { resources } = await client.listResources();
    assert.ok(resources.some((r) => r.uri === `goxel://projects/${id}`));
    const read = await client.readResource({ uri: `goxel://projects/${id}` });
    assert.equal(JSON.parse(read.contents[0].text).voxel_count, 148);
    const picture = await client.readResource({ uri: `goxel://projects/${id}/render` });
    assert.equal(picture.contents[0].mimeType, 'image/png');
    const resourcePng = decodePng(Buffer.from(picture.contents[0].blob, 'base64'));
    assert.equal(resourcePng.width, 512);
    assert.ok(countPixels(resourcePng, isRed) > 300);
  });

  test('tells a subscriber when an edit changes a project', async () => {
    const { project_id: id } = json(await call(client, 'create_project', { name: 'watched' }));
    const uri = `goxel://projects/${id}`;
    const updated = new Promise((resolve) => {
      client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { if (n.params.uri === uri) resolve(n.params.uri); });
    });
    await client.subscribeResource({ uri });
    await call(client, 'draw_line', { from: [0, 0, 0], to: [5, 2, 1], color: '#00FF00', project_id: id });
    assert.equal(await updated, uri);
    await client.unsubscribeResource({ uri });
  });

  test('queries are bounded, colours analysed, undo works', async () => {
    await call(client, 'create_project', { name: 'queries' });
    await call(client, 'draw_box', { min: [0, 0, 0], max: [9, 9, 0], color: '#3366CC' });
    const region = await call(client, 'get_voxels_region', { min: [0, 0, 0], max: [9, 9, 0], limit: 10 });
    const page = json(region);
    assert.equal(page.voxels.length, 10);
    assert.deepEqual(page.voxels[0].slice(3), [0x33, 0x66, 0xCC, 255]);
    assert.match(region.content[0].text, /offset=10/);
    const colors = json(await call(client, 'analyze_colors', {}));
    assert.equal(colors.histogram[0].count, 100);
    await call(client, 'undo', {});
    assert.equal(json(await call(client, 'get_project_info', {})).voxel_count, 0);
  });

  test('daemon errors come back as tool errors and the server carries on', async () => {
    const missing = await client.callTool({ name: 'load_project', arguments: { path: 'no/such/file.gox' } });
    assert.equal(missing.isError, true);
    assert.match(missing.content[0].text, /Failed to load project/);
    const bad = await client.callTool({ name: 'draw_box', arguments: { min: [0, 0], max: [1, 1, 1], color: '#FF0000' } });
    assert.equal(bad.isError, true);
    assert.ok((await client.listTools()).tools.length > 0);
  });

  test('prompts teach the conventions', async () => {
    const { prompts } = await client.listPrompts();
    assert.ok(prompts.some((p) => p.name === 'build_model'));
    const prompt = await client.getPrompt({ name: 'build_model', arguments: { description: 'a red mushroom' } });
    assert.match(prompt.messages[0].content.text, /Z is up/);
    assert.match(prompt.messages[0].content.text, /a red mushroom/);
  });

  test('a dropped daemon is reported, and the next call reconnects', async () => {
    await daemon.stop(true);
    const lost = await client.callTool({ name: 'list_projects', arguments: {} });
    assert.equal(lost.isError, true);
    assert.match(lost.content[0].text, /daemon/);
    const restarted = await TestDaemon.start(daemon.socketPath);
    try {
      assert.equal(json(await call(client, 'list_projects', {})).count, 0);
    } finally {
      await restarted.stop();
    }
  });
});

describe('goxel mcp --embedded', () => {
  test('builds, scripts and renders with no daemon at all', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'goxel-mcp-embedded-'));
    const client = await connect(['--embedded'], undefined, folder);
    try {
      await call(client, 'create_project', { name: 'embedded' });
      await call(client, 'draw_box', { min: [0, 0, 0], max: [5, 5, 5], color: '#FF0000' });
      // Scripts run in goxel-script, found beside goxel as beside the daemon.
      const scripted = json(await call(client, 'execute_script', { script: 'goxel.setVoxel(9, 9, 9, [0, 255, 0, 255]); goxel.voxelCount()' }));
      assert.equal(scripted.result, 217);
      await call(client, 'save_project', { path: 'model.gox' });
      const render = await call(client, 'render', { width: 128, height: 128, camera: 'front' });
      const png = decodePng(Buffer.from(render.content[0].data, 'base64'));
      assert.equal(png.width, 128);
      assert.ok(countPixels(png, isRed) > 100);
    } finally {
      await client.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
