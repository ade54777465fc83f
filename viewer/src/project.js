// The 3D view of one project at /projects/{id}: the model as the live socket brings it,
// meshed in a worker, one mesh per block and layer; layers panel, server render, downloads.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { LiveSocket } from './live-socket.js';

const id = decodeURIComponent(location.pathname.slice('/projects/'.length));
const api = `/api/projects/${encodeURIComponent(id)}`;
const status = document.getElementById('status');
const view = document.getElementById('view');

/**
 * What tests and benchmarks read: the version last received and last drawn, renderedAt (epoch
 * ms, comparable with Date.now() elsewhere on the machine), firstFrameMs (since navigation
 * start), sizes and counts.
 */
const stats = {
  connected: false,
  version: -1,
  lastVersionRendered: -1,
  renderedAt: 0,
  framesDrawn: 0,
  firstFrameMs: null,
  blocks: 0,
  triangles: 0,
  messages: 0,
  snapshots: 0,
  bytesReceived: 0,
  meshMs: 0,
  renderMs: 0,
};
window.__goxelViewer = stats;

const renderer = new THREE.WebGLRenderer();
// Vertex colours are the voxels' sRGB bytes already: written as they are, not converted again.
renderer.outputColorSpace = THREE.LinearSRGBColorSpace;
renderer.setPixelRatio(window.devicePixelRatio);
view.append(renderer.domElement);
const scene = new THREE.Scene();
scene.background = new THREE.Color().setHex(0x3a3a3a, THREE.LinearSRGBColorSpace);
const camera = new THREE.PerspectiveCamera(45, 1, 0.1, 10000);
camera.up.set(0, 0, 1); // Z up, as in Goxel
camera.position.set(40, -60, 50);
const controls = new OrbitControls(camera, renderer.domElement);
controls.listenToKeyEvents(view);
controls.addEventListener('change', requestRender);
const material = new THREE.MeshBasicMaterial({ vertexColors: true });

/** @type {Map<number, THREE.Group>} one group per layer, so a layer hides in one step */
const layerGroups = new Map();
/** @type {Map<string, THREE.Mesh>} by "layer:x,y,z" */
const meshes = new Map();
/** @type {Map<number, boolean>} visibility the person chose here, by layer id */
const chosenVisibility = new Map();
let layers = [];
let framed = false;
let pendingVersion = null;
let renderQueued = false;
let sentAt = 0;

function layerGroup(layer) {
  let group = layerGroups.get(layer);
  if (!group) {
    group = new THREE.Group();
    group.visible = isVisible(layer);
    layerGroups.set(layer, group);
    scene.add(group);
  }
  return group;
}

function isVisible(layer) {
  return chosenVisibility.get(layer) ?? layers.find((l) => l.id === layer)?.visible ?? true;
}

function requestRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(draw);
}

function draw() {
  renderQueued = false;
  const started = performance.now();
  renderer.render(scene, camera);
  stats.renderMs = performance.now() - started;
  // A restarted daemon may count versions from lower down: whatever was applied last is on screen.
  if (pendingVersion !== null) {
    stats.lastVersionRendered = pendingVersion;
    stats.renderedAt = performance.timeOrigin + performance.now();
    stats.framesDrawn++;
    pendingVersion = null;
  }
  if (stats.firstFrameMs === null && meshes.size > 0) stats.firstFrameMs = performance.now();
}

function resize() {
  const { clientWidth: width, clientHeight: height } = view;
  if (!width || !height) return;
  renderer.setSize(width, height);
  camera.aspect = width / height;
  camera.updateProjectionMatrix();
  requestRender();
}
new ResizeObserver(resize).observe(view);

function removeMesh(key) {
  const mesh = meshes.get(key);
  if (!mesh) return;
  mesh.geometry.dispose();
  mesh.removeFromParent();
  meshes.delete(key);
  stats.triangles -= mesh.geometry.index.count / 3;
}

function applyFrame(frame) {
  const started = performance.now();
  if (frame.full) for (const key of [...meshes.keys()]) removeMesh(key);
  for (const block of frame.meshes) {
    const key = `${block.layer}:${block.key}`;
    removeMesh(key);
    if (!block.positions) continue;
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(block.positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(block.colors, 3, true));
    geometry.setIndex(new THREE.BufferAttribute(block.indices, 1));
    const mesh = new THREE.Mesh(geometry, material);
    mesh.matrixAutoUpdate = false;
    layerGroup(block.layer).add(mesh);
    meshes.set(key, mesh);
    stats.triangles += block.indices.length / 3;
  }
  stats.blocks = meshes.size;
  stats.version = frame.version;
  stats.meshMs = frame.meshMs + (performance.now() - started);
  if (!framed && meshes.size > 0) frameModel();
  pendingVersion = frame.version;
  requestRender();
}

/** Points the camera at the whole model, from the front right and above, as Goxel opens. */
function frameModel() {
  framed = true;
  const box = new THREE.Box3().setFromObject(scene);
  const sphere = box.getBoundingSphere(new THREE.Sphere());
  const radius = Math.max(sphere.radius, 1);
  const distance = (radius / Math.sin(THREE.MathUtils.degToRad(camera.fov / 2))) * 1.1;
  controls.target.copy(sphere.center);
  camera.position.copy(sphere.center).add(new THREE.Vector3(0.55, -0.75, 0.6).normalize().multiplyScalar(distance));
  camera.near = distance / 100;
  camera.far = distance * 100;
  camera.updateProjectionMatrix();
  controls.update();
}

const worker = new Worker('/assets/mesh-worker.js');
worker.onmessage = ({ data }) => {
  if (data.error) {
    status.textContent = `Could not read an update (${data.error}): loading the project again...`;
    live.restart();
    return;
  }
  applyFrame({ ...data, meshMs: performance.now() - sentAt });
};

function showStatus(text, down) {
  if (status.textContent !== text) status.textContent = text;
  status.classList.toggle('down', down);
}

function showLayers(list) {
  layers = list;
  const items = list.map((layer) => {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `layer-${layer.id}`;
    box.checked = isVisible(layer.id);
    box.addEventListener('change', () => {
      chosenVisibility.set(layer.id, box.checked);
      layerGroup(layer.id).visible = box.checked;
      requestRender();
    });
    const label = document.createElement('label');
    label.htmlFor = box.id;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = `rgb(${layer.color.slice(0, 3).join(' ')})`;
    swatch.setAttribute('aria-hidden', 'true');
    label.append(swatch, layer.name || `Layer ${layer.id}`);
    item.append(box, label);
    return item;
  });
  document.getElementById('layers').replaceChildren(...items);
  for (const [layer, group] of layerGroups) group.visible = isVisible(layer);
  requestRender();
}

async function loadProject() {
  const response = await fetch(api, { cache: 'no-store' });
  if (!response.ok) return;
  const project = await response.json();
  document.title = `goxel-daemon: ${project.name}`;
  document.getElementById('name').textContent = project.name;
  for (const link of document.querySelectorAll('#downloads a')) {
    link.href = `${api}/download.${link.dataset.format}`;
    link.download = `${project.name || id}.${link.dataset.format}`;
  }
  showLayers(project.layers);
}

const live = new LiveSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api}/live`, {
  open() {
    stats.connected = true;
    showStatus('Live', false);
    loadProject().catch(() => {});
  },
  binary(buffer) {
    stats.messages++;
    stats.bytesReceived += buffer.byteLength;
    if (new DataView(buffer).getUint32(4, true) & 1) stats.snapshots++;
    sentAt = performance.now();
    worker.postMessage(buffer, [buffer]);
  },
  text(message) {
    if (message.layers) showLayers(message.layers);
    if (message.closed) showStatus('This project was closed in the daemon: waiting for it to open again...', true);
  },
  down() {
    stats.connected = false;
    if (!status.classList.contains('down')) showStatus('Disconnected: reconnecting...', true);
  },
});

document.getElementById('render').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  const renderStatus = document.getElementById('render-status');
  const image = document.getElementById('render-image');
  button.disabled = true;
  renderStatus.textContent = 'Rendering...';
  try {
    const width = Math.min(view.clientWidth, 1024);
    const height = Math.min(view.clientHeight, 768);
    const response = await fetch(`${api}/render`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ width, height }),
    });
    if (!response.ok) throw new Error(`the daemon answered ${response.status}: ${await response.text()}`);
    URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(await response.blob());
    image.alt = `Server render of ${document.getElementById('name').textContent}, ${width} by ${height}`;
    image.hidden = false;
    renderStatus.textContent = 'Rendered on the server.';
  } catch (error) {
    renderStatus.textContent = `Render failed: ${error.message}`;
  } finally {
    button.disabled = false;
  }
});
