// The live viewer in headless Chromium against a real daemon: the list, the 3D view and its
// colours, live edits, layers, server render, downloads, access rules and a daemon restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caughtUp, launchBrowser, renderedPast, repoRoot, SocketClient, ViewerDaemon } from './daemon.mjs';
import { find, primary } from './pixels.mjs';

const red = primary(0), green = primary(1), blue = primary(2);
let daemon, rpc, browser, page, projectId, downloads;

/** One HTTP request to the viewer; resolves with {status, headers, body, upgraded}. */
function fetchRaw(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: daemon.port, path, headers: { Host: `127.0.0.1:${daemon.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('upgrade', (res, socket) => { socket.destroy(); resolve({ status: res.statusCode, upgraded: true }); });
    req.on('error', reject);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${daemon.token}` });
const websocketHeaders = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };

async function viewShot() {
  return page.locator('#view canvas').screenshot();
}

before(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'goxel-viewer-downloads-'));
  daemon = await ViewerDaemon.start();
  rpc = await SocketClient.connect(daemon.socketPath);
  ({ project_id: projectId } = await rpc.call('goxel.create_project', { name: 'Viewer test', width: 32, height: 32, depth: 32 }));
  await rpc.call('goxel.procedural_shape', { shape: 'cube', size: [24, 24, 2], center: [0, 0, 1], color: [220, 30, 30, 255] });
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  rpc?.close();
  await daemon?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

test('without the token, pages, the API and the live socket are refused', async () => {
  const response = await page.goto(`${daemon.origin}/`);
  assert.equal(response.status(), 401);
  assert.match(await page.content(), /token/);
  assert.equal((await fetchRaw('/api/projects')).status, 401);
  assert.equal((await fetchRaw(`/api/projects/${projectId}/blocks`, { Authorization: 'Bearer wrong' })).status, 401);
  assert.equal((await fetchRaw('/?token=wrong')).status, 401);
  const live = await fetchRaw(`/api/projects/${projectId}/live`, websocketHeaders);
  assert.equal(live.upgraded, undefined);
  assert.equal(live.status, 401);
});

test('a foreign Origin or Host is refused, even with the token', async () => {
  assert.equal((await fetchRaw('/api/projects', auth())).status, 200);
  assert.equal((await fetchRaw('/api/projects', { ...auth(), Origin: 'http://evil.example' })).status, 403);
  assert.equal((await fetchRaw('/api/projects', { ...auth(), Origin: `http://127.0.0.1:${daemon.port + 1}` })).status, 403);
  assert.equal((await fetchRaw('/api/projects', { ...auth(), Host: `evil.example:${daemon.port}` })).status, 403);
  const live = await fetchRaw(`/api/projects/${projectId}/live`, { ...auth(), ...websocketHeaders, Origin: 'http://evil.example' });
  assert.equal(live.upgraded, undefined);
  assert.equal(live.status, 403);
});

test('the token URL sets the cookie and the list shows the open project', async () => {
  const response = await page.goto(`${daemon.origin}/?token=${daemon.token}`);
  assert.equal(response.status(), 200);
  assert.equal(new URL(page.url()).search, '', 'the token leaves the address bar');
  const cookie = (await browser.context.cookies()).find((c) => c.name === 'goxel_token');
  assert.ok(cookie?.httpOnly);
  const row = page.locator('#projects tbody tr', { hasText: 'Viewer test' });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1].replace(/\D/g, ''), String(24 * 24 * 2));
  assert.equal(cells[2], '1');
  await row.getByRole('link', { name: 'Viewer test' }).click();
  await page.waitForURL(`**/projects/${projectId}`);
});

test('the model is drawn in its colour where it is', async () => {
  const stats = await renderedPast(page, -1);
  assert.ok(stats.blocks > 0 && stats.triangles > 0);
  assert.equal(await page.locator('h1').textContent(), 'Viewer test');
  const shot = find(await viewShot(), red);
  assert.ok(shot.share > 0.05, `red covers ${shot.share} of the view`);
  assert.ok(Math.abs(shot.x - 0.5) < 0.15 && Math.abs(shot.y - 0.5) < 0.2, `red centred at ${shot.x}, ${shot.y}`);
  const view = await page.locator('#view canvas').boundingBox();
  const corner = find(await page.screenshot({ clip: { x: view.x, y: view.y, width: 20, height: 20 } }), red);
  assert.equal(corner.count, 0, 'the background around the model');
  assert.equal((await page.getByRole('status').first().textContent()), 'Live');
});

test('a block of a new colour added over the socket is on screen within a second', async () => {
  const before = await page.evaluate(() => window.__goxelViewer.lastVersionRendered);
  assert.equal(find(await viewShot(), blue).count, 0);
  const sent = Date.now();
  await rpc.call('goxel.procedural_shape', { shape: 'cube', size: 4, center: [0, 0, 4], color: [30, 30, 230, 255] });
  const stats = await renderedPast(page, before);
  assert.ok(stats.renderedAt - sent < 1000, `drawn ${stats.renderedAt - sent} ms after the request`);
  const shot = find(await viewShot(), blue);
  assert.ok(shot.count > 100, `${shot.count} blue pixels`);
  assert.ok(Math.abs(shot.x - 0.5) < 0.15, 'in the middle of the slab');
});

test('hiding a layer in the panel makes it vanish from the view', async () => {
  const before = await page.evaluate(() => window.__goxelViewer.lastVersionRendered);
  const { layer_id: layer } = await rpc.call('goxel.create_layer', { name: 'Green layer', color: [0, 200, 0], visible: true });
  await rpc.call('goxel.procedural_shape', { shape: 'cube', size: 4, center: [-7, -7, 4], color: [30, 210, 30, 255], layer_id: layer });
  await renderedPast(page, before);
  const box = page.getByLabel('Green layer');
  await box.waitFor();
  await caughtUp(page, projectId);
  assert.ok(find(await viewShot(), green).count > 100, 'green before hiding');
  if (process.env.GOXEL_UPDATE_DOCS === '1') writeFileSync(join(repoRoot, 'docs/images/viewer.png'), await page.screenshot());
  assert.ok(await box.isChecked());
  await box.uncheck();
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
  const shot = await viewShot();
  assert.equal(find(shot, green).count, 0, 'no green once hidden');
  assert.ok(find(shot, red).count > 1000, 'the other layer stays');
  const layers = await rpc.call('goxel.list_layers', {});
  assert.equal(layers.layers.find((l) => l.id === layer).visible, true, 'the view alone changed, not the project');
  await box.check();
});

test('Render on server shows the daemon\'s PNG', async () => {
  await page.getByRole('button', { name: 'Render on server' }).click();
  const image = page.locator('#render-image');
  await image.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.getElementById('render-image').naturalWidth > 0);
  assert.match(await image.getAttribute('alt'), /Server render of Viewer test/);
});

test('the downloaded .vox loads back with the same voxel count', async () => {
  const { voxel_count: expected } = await rpc.call('goxel.get_project_info', { project_id: projectId });
  for (const format of ['gox', 'glb']) {
    assert.equal((await fetchRaw(`/api/projects/${projectId}/download.${format}`, auth())).status, 200, format);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /\.vox/ }).click()]);
  const path = join(downloads, 'viewer-test.vox');
  await download.saveAs(path);
  const loaded = await rpc.call('goxel.load_project', { path });
  assert.equal(loaded.voxel_count, expected);
  await rpc.call('goxel.close_project', { project_id: loaded.project_id });
});

test('the page says when the daemon goes away and follows it again when it is back', async () => {
  rpc.close();
  await daemon.stop(true);
  await page.getByText('Disconnected: reconnecting...').waitFor({ timeout: 15000 });
  await daemon.run();
  rpc = await SocketClient.connect(daemon.socketPath);
  await page.getByRole('status').first().filter({ hasText: 'Live' }).waitFor({ timeout: 30000 });
  await rpc.call('goxel.procedural_shape', { shape: 'cube', size: 2, center: [8, 8, 3], color: [30, 30, 230, 255], project_id: projectId });
  await caughtUp(page, projectId);
  assert.ok(find(await viewShot(), blue).count > 100);
});
