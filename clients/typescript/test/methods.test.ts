import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GoxelDaemonClient, GoxelRpcError, VoxelBuffer } from '../src/index.js';
import { TestDaemon } from './daemon.js';

describe('typed methods', () => {
  let daemon: TestDaemon;
  let client: GoxelDaemonClient;

  before(async () => {
    daemon = await TestDaemon.start();
    client = new GoxelDaemonClient({ socketPath: daemon.socketPath, timeout: 30000 });
    await client.connect();
  });
  after(async () => {
    await client.disconnect();
    await daemon.stop();
  });

  test('createProject sends width/height/depth (size fills them) and returns a project id', async () => {
    const a = await client.createProject({ name: 'sized', size: [16, 24, 8], template: 'ignored' });
    assert.deepEqual([a.success, a.name, a.width, a.height, a.depth], [true, 'sized', 16, 24, 8]);
    assert.equal(typeof a.project_id, 'string');
    const status = await client.getProjectStatus(a.project_id);
    assert.deepEqual([status.width, status.height, status.depth, status.project_id], [16, 24, 8, a.project_id]);
    const b = await client.createProject({ name: 'default' });
    assert.notEqual(b.project_id, a.project_id);
  });

  test('addVoxel / getVoxel / removeVoxel with every position and colour form', async () => {
    await client.createProject({ name: 'voxels' });
    await client.addVoxel({ position: [1, 2, 3], color: [255, 0, 0, 255] });
    await client.addVoxel({ position: { x: -4, y: 5, z: 6 }, color: '#00FF0080' });
    const added = await client.addVoxel({ position: [7, 8, 9], color: { r: 0, g: 0, b: 255 } });
    assert.deepEqual([added.success, added.x, added.y, added.z, added.color], [true, 7, 8, 9, [0, 0, 255, 255]]);
    assert.deepEqual((await client.getVoxel({ position: [1, 2, 3] })).color, [255, 0, 0, 255]);
    assert.deepEqual((await client.getVoxel({ position: { x: -4, y: 5, z: 6 } })).color, [0, 255, 0, 128]);
    await client.removeVoxel({ position: [1, 2, 3] });
    const gone = await client.getVoxel({ position: [1, 2, 3] });
    assert.deepEqual([gone.exists, gone.color], [false, [0, 0, 0, 0]]);
    const box = await client.getBoundingBox();
    assert.deepEqual(box, { empty: false, min: [-4, 5, 6], max: [7, 8, 9], dimensions: [12, 4, 4] });
  });

  test('project_id routes edits to a project that is not current', async () => {
    const first = await client.createProject({ name: 'first' });
    await client.createProject({ name: 'second' });
    await client.addVoxel({ position: [0, 0, 0], color: [1, 2, 3, 255], project_id: first.project_id });
    assert.equal((await client.getVoxel({ position: [0, 0, 0], project_id: first.project_id })).exists, true);
    assert.equal((await client.getVoxel({ position: [0, 0, 0] })).exists, false);
  });

  test('addVoxelBatch writes every voxel (goxel.add_voxel_batch, else add_voxels)', async () => {
    await client.createProject({ name: 'batch' });
    const voxels = Array.from({ length: 500 }, (_, i) => ({ position: [i % 10, Math.floor(i / 10) % 10, Math.floor(i / 100)] as const, color: [i % 256, 10, 20, 255] }));
    const result = await client.addVoxelBatch({ voxels });
    assert.deepEqual(result, { success: true, count: 500 });
    assert.deepEqual((await client.getVoxel({ position: [9, 9, 4] })).color, [499 % 256, 10, 20, 255]);
    assert.deepEqual(await client.getBoundingBox(), { empty: false, min: [0, 0, 0], max: [9, 9, 4], dimensions: [10, 10, 5] });
  });

  test('goxel.add_voxel_batch itself: tuples, atomic rejection naming the index', async () => {
    await client.createProject({ name: 'batch-native' });
    await client.call('goxel.add_voxel_batch', { voxels: [[0, 0, 0, 1, 2, 3, 255]] });
    assert.equal(client.usesLegacyBatch, false);
    await assert.rejects(client.addVoxelBatch({ voxels: [{ position: [5, 5, 5], color: [1, 1, 1, 255] }, { position: [6, 6, 6], color: '#zz' }] }),
      TypeError, 'bad hex is caught client side');
    await assert.rejects(client.call('goxel.add_voxel_batch', { voxels: [[5, 5, 5, 1, 1, 1, 255], [6, 6, 'x', 1, 1, 1, 255]] }),
      (e: unknown) => e instanceof GoxelRpcError && /1/.test(e.message));
    assert.equal((await client.getVoxel({ position: [5, 5, 5] })).exists, false, 'atomic: nothing written');
  });

  test('addVoxelBuffer sends packed base64 positions and colours', async () => {
    await client.createProject({ name: 'packed' });
    const buffer = new VoxelBuffer(2);
    for (let i = 0; i < 100; i++) buffer.addVoxel(i, -i, i * 2, 10, 20, 30, 255);
    const result = await client.addVoxelBuffer(buffer);
    assert.deepEqual(result, { success: true, count: 100 });
    assert.deepEqual((await client.getVoxel({ position: [99, -99, 198] })).color, [10, 20, 30, 255]);
  });

  test('getProjectInfo', async () => {
    const p = await client.createProject({ name: 'info', width: 32, height: 32, depth: 32 });
    await client.addVoxel({ position: [1, 1, 1], color: [9, 9, 9, 255] });
    const info = await client.getProjectInfo(p.project_id);
    assert.equal(info.project_id, p.project_id);
    assert.equal(info.name, 'info');
    assert.equal(info.voxel_count, 1);
    assert.equal(info.layer_count, 1);
    assert.deepEqual([info.bounding_box?.min, info.bounding_box?.max], [[1, 1, 1], [1, 1, 1]]);
  });

  test('layers: create, list, visibility, active, merge, delete', async () => {
    await client.createProject({ name: 'layers' });
    const layer = await client.createLayer({ name: 'second', visible: true });
    assert.equal(layer.name, 'second');
    const list = await client.listLayers();
    assert.equal(list.count, 2);
    assert.ok(list.layers.some((l) => l.id === layer.layer_id && l.name === 'second'));
    await client.addVoxel({ position: [0, 0, 0], color: [1, 1, 1, 255], layer_id: layer.layer_id });
    await client.setLayerVisibility(layer.layer_id, false);
    assert.equal((await client.listLayers()).layers.find((l) => l.id === layer.layer_id)?.visible, false);
    const other = list.layers.find((l) => l.id !== layer.layer_id)!;
    await client.setActiveLayer(other.id);
    assert.equal((await client.listLayers()).layers.find((l) => l.active)?.id, other.id);
    await client.mergeLayers(layer.layer_id, other.id);
    assert.equal((await client.listLayers()).count, 1);
    const third = await client.createLayer({ name: 'third' });
    await client.deleteLayer({ layer_id: third.layer_id });
    assert.equal((await client.listLayers()).count, 1);
  });

  test('undo / redo', async () => {
    await client.createProject({ name: 'history' });
    await client.addVoxel({ position: [3, 3, 3], color: [1, 2, 3, 255] });
    await client.undo();
    assert.equal((await client.getVoxel({ position: [3, 3, 3] })).exists, false);
    await client.redo();
    assert.equal((await client.getVoxel({ position: [3, 3, 3] })).exists, true);
  });

  test('listProjects / closeProject', async () => {
    const p = await client.createProject({ name: 'to-close' });
    const projects = await client.listProjects();
    assert.ok(projects.some((x) => x.project_id === p.project_id && x.current));
    await client.closeProject(p.project_id);
    assert.ok(!(await client.listProjects()).some((x) => x.project_id === p.project_id));
  });

  test('saveProject / loadProject / exportModel translate file_path to path', async () => {
    await client.createProject({ name: 'files' });
    await client.addVoxel({ position: [2, 2, 2], color: [200, 100, 50, 255] });
    const path = join(daemon.directory, 'saved.gox');
    await client.saveProject({ file_path: path });
    assert.ok(existsSync(path));
    const loaded = await client.loadProject({ file_path: path });
    assert.equal(loaded.success, true);
    assert.deepEqual((await client.getVoxel({ position: [2, 2, 2], project_id: loaded.project_id })).color, [200, 100, 50, 255]);
    const obj = join(daemon.directory, 'model.obj');
    await client.exportModel({ file_path: obj, format: 'obj' });
    assert.ok(existsSync(obj));
  });

  test('renderImage returns a base64 PNG', async () => {
    await client.createProject({ name: 'render' });
    await client.addVoxel({ position: [0, 0, 0], color: [255, 0, 0, 255] });
    const image = await client.renderImage({
      width: 64, height: 48, camera: { position: [20, 20, 20], target: [0, 0, 0], up: [0, 0, 1], fov: 45 }, format: 'png',
    });
    assert.deepEqual([image.width, image.height, image.format], [64, 48, 'png']);
    assert.deepEqual([...Buffer.from(image.image_data, 'base64').subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(typeof image.render_time_ms, 'number');
  });

  test('colour analysis: histogram, find by colour, unique colours', async () => {
    await client.createProject({ name: 'colours' });
    for (let i = 0; i < 5; i++) await client.addVoxel({ position: [i, 0, 0], color: [255, 0, 0, 255] });
    for (let i = 0; i < 3; i++) await client.addVoxel({ position: [i, 1, 0], color: [255, 255, 255, 255] });
    const histogram = await client.getColorHistogram({ sort_by_count: true });
    assert.equal(histogram.total_voxels, 8);
    assert.equal(histogram.unique_colors, 2);
    assert.deepEqual(histogram.histogram[0]!.rgba, [255, 0, 0, 255]);
    const found = await client.findVoxelsByColor({ color: [255, 0, 0], include_locations: true });
    assert.equal(found.match_count, 5);
    assert.equal(found.locations?.length, 5);
    const unique = await client.getUniqueColors();
    assert.equal(unique.count, 2);
  });

  test('getVoxelsRegion', async () => {
    await client.createProject({ name: 'region' });
    for (let i = 0; i < 4; i++) await client.addVoxel({ position: [i, 0, 0], color: [i, 0, 0, 255] });
    const region = await client.getVoxelsRegion({ min: [1, 0, 0], max: [2, 0, 0] });
    assert.equal(region.count, 2);
    assert.equal(region.truncated, false);
    assert.deepEqual(region.voxels.map((v) => v.x).sort(), [1, 2]);
  });

  test('addVoxels: the original batch method', async () => {
    await client.createProject({ name: 'legacy' });
    const result = await client.addVoxels([{ position: [1, 1, 1], color: '#0A0B0C' }, { position: [2, 1, 1], color: [1, 2, 3] }]);
    assert.deepEqual(result, { success: true, added: 2, failed: 0 });
    assert.deepEqual((await client.getVoxel({ position: [1, 1, 1] })).color, [10, 11, 12, 255]);
  });

  test('paintVoxels / floodFill', async () => {
    await client.createProject({ name: 'paint' });
    for (let i = 0; i < 3; i++) await client.addVoxel({ position: [i, 0, 0], color: [1, 1, 1, 255] });
    await client.paintVoxels({ position: [0, 0, 0], color: [9, 9, 9, 255], layer_id: 1 });
    assert.deepEqual((await client.getVoxel({ position: [0, 0, 0] })).color, [9, 9, 9, 255]);
    const filled = await client.floodFill({ position: [1, 0, 0], color: [7, 7, 7, 255], layer_id: 1 });
    assert.equal(filled.voxels_filled, 2);
    assert.deepEqual((await client.getVoxel({ position: [2, 0, 0] })).color, [7, 7, 7, 255]);
  });

  test('proceduralShape', async () => {
    await client.createProject({ name: 'shape' });
    const cube = await client.proceduralShape({ shape: 'cube', size: 3, center: [0, 0, 0], color: '#FF0000', layer_id: 1 });
    assert.equal(cube.voxels_created, 27);
  });

  test('batchOperations', async () => {
    await client.createProject({ name: 'ops' });
    const result = await client.batchOperations([
      { type: 'add_voxel', position: [0, 0, 0], color: [5, 5, 5, 255] },
      { type: 'add_voxel', position: [1, 0, 0], color: [5, 5, 5, 255] },
      { type: 'remove_voxel', position: [1, 0, 0] },
    ]);
    assert.equal(result.total_operations, 3);
    assert.equal((await client.getVoxel({ position: [1, 0, 0] })).exists, false);
  });

  test('getLayerVoxels', async () => {
    await client.createProject({ name: 'layer voxels' });
    await client.addVoxel({ position: [4, 4, 4], color: [1, 2, 3, 255] });
    const voxels = await client.getLayerVoxels({ layer_id: 1 });
    assert.equal(voxels.count, 1);
    assert.deepEqual(voxels.voxels[0], { x: 4, y: 4, z: 4, color: [1, 2, 3, 255] });
  });

  test('listFormats / importFile', async () => {
    const formats = await client.listFormats();
    assert.ok(formats.some((f) => f.name === 'gox' && f.read && f.write));
    await client.createProject({ name: 'to import' });
    await client.addVoxel({ position: [1, 2, 3], color: [4, 5, 6, 255] });
    const path = join(daemon.directory, 'import-me.gox');
    await client.saveProject({ file_path: path });
    await client.createProject({ name: 'importer' });
    const imported = await client.importFile({ file_path: path });
    assert.ok(imported.layers.length >= 1);
    assert.deepEqual((await client.getBoundingBox({ layer_id: -2 })), { empty: false, min: [1, 2, 3], max: [1, 2, 3], dimensions: [1, 1, 1] });
  });

  test('executeScript', async () => {
    await client.createProject({ name: 'script' });
    const result = await client.executeScript({ script: 'goxel.setVoxel(1, 1, 1, "#FF0000"); goxel.log("hi"); 6 * 7' });
    assert.deepEqual([result.success, result.result, result.output], [true, 42, ['hi']]);
    assert.deepEqual((await client.getVoxel({ position: [1, 1, 1] })).color, [255, 0, 0, 255]);
  });

  test('renderScene / render manager', async () => {
    await client.createProject({ name: 'scene' });
    await client.addVoxel({ position: [0, 0, 0], color: [255, 0, 0, 255] });
    const path = join(daemon.directory, 'scene.png');
    await client.renderScene({ output_path: path, width: 32, height: 32 });
    assert.ok(existsSync(path));
  });
});
