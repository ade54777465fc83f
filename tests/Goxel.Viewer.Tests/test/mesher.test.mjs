// Greedy meshing of a block and the page's block store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meshBlock } from '../../../viewer/src/mesher.js';
import { LiveVolume } from '../../../viewer/src/live-volume.js';
import { cell, encodeBlockMessage, rgba } from './block-message.mjs';

const red = rgba(255, 0, 0);
const green = rgba(0, 255, 0);
const none = [null, null, null, null, null, null];

function block(voxels) {
  const cells = new Uint32Array(4096);
  for (const [x, y, z, c] of voxels) cells[cell(x, y, z)] = c;
  return cells;
}

/** The quads' corners as [x, y, z] quadruples. */
function quads(mesh) {
  const out = [];
  for (let q = 0; q < mesh.quads; q++) {
    out.push([0, 1, 2, 3].map((k) => Array.from(mesh.positions.subarray(q * 12 + k * 3, q * 12 + k * 3 + 3))));
  }
  return out;
}

test('one voxel is six outward-facing quads at its place in the world', () => {
  const mesh = meshBlock(block([[3, 4, 5, red]]), none, [16, -32, 48]);
  assert.equal(mesh.quads, 6);
  assert.equal(mesh.indices.length, 36);
  const centre = [16 + 3.5, -32 + 4.5, 48 + 5.5];
  for (const [a, b, c, d] of quads(mesh)) {
    for (const p of [a, b, c, d]) p.forEach((v, axis) => assert.ok(Math.abs(v - centre[axis]) === 0.5, `corner ${p}`));
    const e1 = b.map((v, i) => v - a[i]);
    const e2 = c.map((v, i) => v - a[i]);
    const normal = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
    const out = [0, 1, 2].map((i) => (a[i] + c[i]) / 2 - centre[i]);
    assert.ok(normal.reduce((s, v, i) => s + v * out[i], 0) > 0, 'counter-clockwise seen from outside');
  }
});

test('the top face keeps the voxel colour and other faces are darker', () => {
  const mesh = meshBlock(block([[0, 0, 0, rgba(200, 100, 50)]]), none, [0, 0, 0]);
  const colours = quads(mesh).map((_, q) => Array.from(mesh.colors.subarray(q * 12, q * 12 + 3)));
  assert.ok(colours.some((c) => c.join() === '200,100,50'));
  assert.ok(colours.filter((c) => c[0] < 200).length === 5);
});

test('a flat wall of one colour is one quad per side, whatever its size', () => {
  const voxels = [];
  for (let x = 0; x < 16; x++) for (let y = 0; y < 16; y++) voxels.push([x, y, 0, red]);
  assert.equal(meshBlock(block(voxels), none, [0, 0, 0]).quads, 6);
});

test('faces between voxels are hidden, and different colours are not merged', () => {
  assert.equal(meshBlock(block([[0, 0, 0, red], [1, 0, 0, red]]), none, [0, 0, 0]).quads, 6);
  assert.equal(meshBlock(block([[0, 0, 0, red], [1, 0, 0, green]]), none, [0, 0, 0]).quads, 10);
});

test('a face against a voxel of the neighbouring block is left out', () => {
  const neighbours = [...none];
  neighbours[1] = block([[0, 0, 0, green]]); // the block on the +x side
  assert.equal(meshBlock(block([[15, 0, 0, red]]), neighbours, [0, 0, 0]).quads, 5);
  assert.equal(meshBlock(block([[14, 0, 0, red]]), neighbours, [0, 0, 0]).quads, 6);
});

test('an empty block has nothing to draw', () => {
  assert.equal(meshBlock(new Uint32Array(4096), none, [0, 0, 0]).quads, 0);
});

test('a delta re-meshes the changed block and its neighbours only', () => {
  const volume = new LiveVolume();
  const one = (c) => new Map([[cell(0, 0, 0), c]]);
  const first = volume.apply(encodeBlockMessage({
    full: true,
    version: 1,
    blocks: [
      { layer: 1, x: 0, y: 0, z: 0, kind: 'list', cells: one(red) },
      { layer: 1, x: 16, y: 0, z: 0, kind: 'list', cells: one(red) },
      { layer: 1, x: 64, y: 0, z: 0, kind: 'list', cells: one(red) },
      { layer: 2, x: 16, y: 0, z: 0, kind: 'list', cells: one(green) },
    ],
  }));
  assert.equal(first.full, true);
  assert.equal(first.meshes.length, 4);
  assert.ok(first.meshes.every((m) => m.indices.length === 36));

  const delta = volume.apply(encodeBlockMessage({ version: 2, blocks: [{ layer: 1, x: 0, y: 0, z: 0, kind: 'list', cells: new Map([[cell(15, 0, 0), green]]) }] }));
  assert.equal(delta.version, 2);
  assert.deepEqual(delta.meshes.map((m) => `${m.layer}:${m.key}`).sort(), ['1:0,0,0', '1:16,0,0']);
  const beside = delta.meshes.find((m) => m.key === '16,0,0');
  assert.equal(beside.indices.length, 30, 'the neighbour hides its face against the new voxel');

  const removal = volume.apply(encodeBlockMessage({ version: 3, blocks: [{ layer: 1, x: 0, y: 0, z: 0, kind: 'empty' }] }));
  const removed = removal.meshes.find((m) => m.key === '0,0,0');
  assert.equal(removed.positions, undefined);
  assert.equal(removal.meshes.find((m) => m.key === '16,0,0').indices.length, 36);

  const again = volume.apply(encodeBlockMessage({ full: true, version: 4, blocks: [{ layer: 2, x: 0, y: 0, z: 0, kind: 'list', cells: one(red) }] }));
  assert.deepEqual(again.meshes.map((m) => `${m.layer}:${m.key}`), ['2:0,0,0']);
  assert.deepEqual([...volume.layers.keys()], [2]);
});

test('a solid block inside solid blocks has nothing to draw, one on the surface does', () => {
  const solid = new Map();
  for (let i = 0; i < 4096; i++) solid.set(i, red);
  const blocks = [];
  for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) for (let z = 0; z < 3; z++) blocks.push({ layer: 1, x: 16 * x, y: 16 * y, z: 16 * z, kind: 'palette', cells: solid });
  const { meshes } = new LiveVolume().apply(encodeBlockMessage({ full: true, blocks }));
  assert.equal(meshes.length, 27);
  assert.equal(meshes.find((m) => m.key === '16,16,16').positions, undefined);
  assert.equal(meshes.find((m) => m.key === '16,16,32').indices.length, 6, 'the middle of the top face: one quad');
  assert.equal(meshes.filter((m) => m.positions).length, 26);
});
