// The page's decoding of the daemon's binary block messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBlockMessage } from '../../../viewer/src/blocks.js';
import { cell, encodeBlockMessage, rgba } from './block-message.mjs';

const red = rgba(255, 0, 0);
const blue = rgba(0, 0, 255, 128);

test('a full snapshot brings its flag, version and every block kind back as cells', () => {
  const cells = new Map([[cell(0, 0, 0), red], [cell(15, 15, 15), blue]]);
  const message = decodeBlockMessage(encodeBlockMessage({
    full: true,
    version: 2 ** 40 + 7,
    blocks: [
      { layer: 1, x: 0, y: 0, z: 0, kind: 'dense', cells },
      { layer: 1, x: -16, y: 32, z: -48, kind: 'list', cells },
      { layer: 2, x: 16, y: 0, z: 0, kind: 'palette', cells },
      { layer: 2, x: 32, y: 0, z: 0, kind: 'empty' },
    ],
  }));
  assert.equal(message.full, true);
  assert.equal(message.version, 2 ** 40 + 7);
  assert.equal(message.blocks.length, 4);
  assert.deepEqual(message.blocks.map((b) => [b.layer, b.x, b.y, b.z]), [[1, 0, 0, 0], [1, -16, 32, -48], [2, 16, 0, 0], [2, 32, 0, 0]]);
  for (const block of message.blocks.slice(0, 3)) {
    assert.equal(block.cells.length, 4096);
    assert.equal(block.cells[cell(0, 0, 0)], red);
    assert.equal(block.cells[cell(15, 15, 15)], blue);
    assert.equal(block.cells.filter((c) => c !== 0).length, 2);
  }
  assert.equal(message.blocks[3].cells, null);
});

test('a delta is not full', () => {
  const message = decodeBlockMessage(encodeBlockMessage({ version: 3, blocks: [] }));
  assert.equal(message.full, false);
  assert.equal(message.version, 3);
  assert.deepEqual(message.blocks, []);
});

test('a palette size byte of 0 means 256 colours', () => {
  const cells = new Map([[cell(1, 2, 3), red]]);
  const message = decodeBlockMessage(encodeBlockMessage({ blocks: [{ layer: 1, x: 0, y: 0, z: 0, kind: 'palette', cells, padPalette: true }] }));
  assert.equal(message.blocks[0].cells[cell(1, 2, 3)], red);
  assert.equal(message.blocks[0].cells.filter((c) => c !== 0).length, 1);
});

test('a wrong magic, a truncated message and an unknown kind are refused', () => {
  const good = encodeBlockMessage({ blocks: [{ layer: 1, x: 0, y: 0, z: 0, kind: 'dense' }] });
  const wrong = good.slice(0);
  new DataView(wrong).setUint32(0, 0x12345678, true);
  assert.throws(() => decodeBlockMessage(wrong), /not a block message/);
  assert.throws(() => decodeBlockMessage(good.slice(0, good.byteLength - 1)), /truncated/);
  const unknown = good.slice(0);
  new DataView(unknown).setUint8(20 + 16, 9);
  assert.throws(() => decodeBlockMessage(unknown), /unknown block kind 9/);
});
