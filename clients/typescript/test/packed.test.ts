import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GoxelDaemonClient, toXyz, VoxelBuffer } from '../src/index.js';
import { TestDaemon } from './daemon.js';

// Issue 12: voxel reads come packed (and Brotli-compressed past the threshold); the client decodes them.
for (const compression of [false, true]) {
  describe(`packed voxel reads, daemon.enable_compression ${compression}`, () => {
    let daemon: TestDaemon;
    let client: GoxelDaemonClient;
    let configDir: string;

    before(async () => {
      configDir = mkdtempSync(join(tmpdir(), 'goxel-ts-config-'));
      const config = join(configDir, 'daemon.json');
      writeFileSync(config, JSON.stringify({ daemon: { enable_compression: compression, compression_threshold: 64 } }));
      daemon = await TestDaemon.start({ args: ['--config', config] });
      client = new GoxelDaemonClient({ socketPath: daemon.socketPath, timeout: 30000 });
      await client.connect();
    });
    after(async () => {
      await client.disconnect();
      await daemon.stop();
      rmSync(configDir, { recursive: true, force: true });
    });

    test('getVoxelsRegion and getLayerVoxels decode what add_voxel_batch wrote', async () => {
      await client.createProject({ name: 'packed' });
      const buffer = new VoxelBuffer();
      for (let i = 0; i < 500; i++) buffer.addVoxel(i - 250, (i * 7) % 13, -(i % 5), i % 256, 255 - (i % 256), 7, 255);
      await client.addVoxelBuffer(buffer);
      const raw = await client.call<{ encoding: string; compression: string }>('goxel.get_layer_voxels', { encoding: 'packed', limit: 0 });
      assert.equal(raw.encoding, 'packed');
      assert.equal(raw.compression, compression ? 'br' : 'none');
      const read = await client.getLayerVoxels({ limit: 0 });
      assert.equal(read.count, 500);
      const byKey = new Map(read.voxels.map((v) => [`${v.x},${v.y},${v.z}`, v.color]));
      const expected = buffer.toVoxelArray();
      for (const v of expected) assert.deepEqual(byKey.get(toXyz(v.position).join(',')), v.color);
      const region = await client.getVoxelsRegion({ min: [-250, 0, -4], max: [-200, 12, 0], limit: 0 });
      assert.equal(region.count, expected.filter((v) => toXyz(v.position)[0] <= -200).length);
      const all = await client.getLayerVoxels({ layer_id: -2, limit: 3 });
      assert.equal(all.voxels.length, 3);
      assert.equal(all.truncated, true);
      assert.equal(all.voxels[0]!.layer_id, 1);
    });

    test('exportModelData returns the file and its companions', async () => {
      await client.createProject({ name: 'export' });
      await client.addVoxel({ position: [0, 0, 0], color: [200, 10, 10, 255] });
      const obj = await client.exportModelData({ format: 'obj' });
      assert.equal(obj.name, 'model.obj');
      assert.match(obj.bytes.toString('utf8'), /^v /m);
      assert.deepEqual(obj.files.map((f) => f.name), ['model.mtl']);
      assert.match(obj.files[0]!.bytes.toString('utf8'), /newmtl/);
      const vox = await client.exportModelData({ format: 'vox' });
      assert.equal(vox.bytes.subarray(0, 4).toString('latin1'), 'VOX ');
    });
  });
}
