import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { TestDaemon } from './daemon.js';

// Each example in docs/clients.md is a file under examples/ that this test runs against a real
// daemon, and the doc must contain the file verbatim, so neither can drift.
const root = new URL('../../', import.meta.url);                       // clients/typescript/
const doc = readFileSync(fileURLToPath(new URL('../../docs/clients.md', root)), 'utf8');

async function run(name: string, socketPath: string): Promise<any> {
  const source = readFileSync(fileURLToPath(new URL(`examples/${name}.ts`, root)), 'utf8');
  assert.ok(doc.includes(source.trimEnd()), `docs/clients.md must contain examples/${name}.ts verbatim`);
  const example = await import(new URL(`dist/examples/${name}.js`, root).href);
  return example.main(socketPath);
}

describe('docs/clients.md examples run against a real daemon', () => {
  let daemon: TestDaemon;
  before(async () => { daemon = await TestDaemon.start(); });
  after(async () => { await daemon.stop(); });

  test('quickstart', async () => {
    const result = await run('quickstart', daemon.socketPath);
    assert.equal(typeof result.project_id, 'string');
    assert.deepEqual(result.color, [0, 255, 0, 255]);
    assert.deepEqual(result.box, { empty: false, min: [0, 0, 0], max: [9, 9, 1], dimensions: [10, 10, 2] });
  });

  test('pooling', async () => {
    const result = await run('pooling', daemon.socketPath);
    assert.deepEqual(result.written, { batches: 10, count: 10000 });
    assert.deepEqual(result.box, { empty: false, min: [0, 0, 0], max: [99, 99, 0], dimensions: [100, 100, 1] });
  });

  test('smart-batching', async () => {
    const result = await run('smart-batching', daemon.socketPath);
    assert.equal(result.batches, 1);
    assert.deepEqual(result.color, [499 % 256, 0, 0, 255], 'last write to the cell wins');
  });

  test('caching', async () => {
    const result = await run('caching', daemon.socketPath);
    assert.equal(result.sameObject, true);
    assert.deepEqual(result.fresh.max, [8, 4, 4]);
  });

  test('monitoring', async () => {
    const result = await run('monitoring', daemon.socketPath);
    assert.deepEqual([result.requests.total, result.requests.success, result.requests.failed], [201, 200, 1]);
    assert.deepEqual(result.alerts, []);
    assert.match(result.profile, /get_bounding_box:\n {2}Calls: 1/);
  });

  test('benchmark', async () => {
    const result = await run('benchmark', daemon.socketPath);
    assert.deepEqual(Object.keys(result), ['connection', 'voxelOperations', 'batchOperations', 'rendering', 'memory']);
    assert.equal(result.connection.iterations, 20);
    assert.deepEqual(result.batchOperations.results.map((r: { batchSize: number }) => r.batchSize), [10, 100, 1000]);
    assert.equal(result.memory.voxelCount, 5000);
  });
});
