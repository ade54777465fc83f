// bench/viewer-page: see run. Prints one line per measurement.
import { launchBrowser, renderedPast, SocketClient, ViewerDaemon, caughtUp } from '../../tests/Goxel.Viewer.Tests/test/daemon.mjs';

const EDITS = 100;
const SIZES = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const COLOURS = [[196, 80, 60], [220, 170, 80], [90, 150, 70], [70, 110, 170], [150, 90, 160], [200, 200, 190], [110, 90, 70], [60, 60, 60]];

/** A solid cube of about <count> voxels, in patches of 4^3 voxels of eight colours. */
function cube(count) {
  const side = Math.round(Math.cbrt(count));
  const voxels = [];
  for (let z = 0; z < side; z++) for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    voxels.push([x - (side >> 1), y - (side >> 1), z, COLOURS[((x >> 2) * 7 + (y >> 2) * 13 + (z >> 2) * 5) % COLOURS.length]]);
  }
  return { side, voxels };
}

/** Sends voxels as packed add_voxel_batch requests of 200k voxels. */
async function addVoxels(rpc, projectId, voxels) {
  for (let start = 0; start < voxels.length; start += 200000) {
    const chunk = voxels.slice(start, start + 200000);
    const positions = Buffer.alloc(chunk.length * 12);
    const colors = Buffer.alloc(chunk.length * 4);
    chunk.forEach(([x, y, z, c], i) => {
      positions.writeInt32LE(x, i * 12); positions.writeInt32LE(y, i * 12 + 4); positions.writeInt32LE(z, i * 12 + 8);
      colors.set([...c, 255], i * 4);
    });
    await rpc.call('goxel.add_voxel_batch', { project_id: projectId, positions: positions.toString('base64'), colors: colors.toString('base64') });
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const daemon = await ViewerDaemon.start();
const rpc = await SocketClient.connect(daemon.socketPath);
const browser = await launchBrowser({ width: 1280, height: 720 });
try {
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  await page.goto(`${daemon.origin}/?token=${daemon.token}`);
  for (const count of SIZES) {
    const { side, voxels } = cube(count);
    const { project_id: projectId } = await rpc.call('goxel.create_project', { name: `bench ${voxels.length}`, width: side, height: side, depth: side });
    await addVoxels(rpc, projectId, voxels);
    // The first open of the page in this browser (cold caches) is timed apart from the rest.
    if (count === SIZES[0]) {
      await page.goto(`${daemon.origin}/projects/${projectId}`);
      const cold = await renderedPast(page, -1, 120000);
      console.log(`${voxels.length} voxels, first page load in a fresh browser: first frame ${cold.firstFrameMs.toFixed(0)} ms after navigation`);
    }
    await page.goto('about:blank');
    const opened = Date.now();
    await page.goto(`${daemon.origin}/projects/${projectId}`);
    const stats = await renderedPast(page, -1, 120000);
    await caughtUp(page, projectId, 120000);
    const wall = Date.now() - opened;
    const json = JSON.stringify({ voxels: voxels.map(([x, y, z, c]) => ({ x, y, z, color: [...c, 255] })) }).length;
    console.log(`${voxels.length} voxels: first frame ${stats.firstFrameMs.toFixed(0)} ms after navigation (wall ${wall} ms), ` +
      `meshing ${stats.meshMs.toFixed(0)} ms, ${stats.blocks} block meshes, ${stats.triangles} triangles, ` +
      `snapshot ${stats.bytesReceived} bytes vs ${json} bytes of JSON voxels (${(json / stats.bytesReceived).toFixed(1)}x)`);

    // Interactive: 30 frames, each panned by an arrow key on the focused view (OrbitControls),
    // timed in the page from one animation frame to the next.
    const frames = await page.evaluate(async () => {
      const view = document.getElementById('view');
      view.focus();
      const gaps = [];
      let last = performance.now();
      for (let i = 0; i < 30; i++) {
        view.dispatchEvent(new KeyboardEvent('keydown', { code: 'ArrowLeft', key: 'ArrowLeft', bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return gaps.sort((a, b) => a - b);
    });
    console.log(`${voxels.length} voxels: frame to frame while panning p50 ${percentile(frames, 50).toFixed(0)} ms, p99 ${percentile(frames, 99).toFixed(0)} ms (30 frames)`);

    if (count !== SIZES[SIZES.length - 1]) { await rpc.call('goxel.close_project', { project_id: projectId }); continue; }
    const latencies = [];
    for (let i = 0; i < EDITS; i++) {
      const before = await page.evaluate(() => window.__goxelViewer.lastVersionRendered);
      const sent = Date.now();
      await rpc.call('goxel.add_voxel', { project_id: projectId, x: (i % 10) * 2 - 10, y: Math.floor(i / 10) * 2 - 10, z: side + (i % 3), color: [255, 255, 255, 255] });
      const after = await renderedPast(page, before);
      latencies.push(after.renderedAt - sent);
    }
    latencies.sort((a, b) => a - b);
    console.log(`${voxels.length} voxels: edit to screen over ${EDITS} one-voxel edits: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
    await rpc.call('goxel.close_project', { project_id: projectId });
  }
} finally {
  await browser.close();
  rpc.close();
  await daemon.stop();
}
