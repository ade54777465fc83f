// The Web Worker that decodes block messages and meshes them, off the page's main thread.
import { LiveVolume } from './live-volume.js';

const volume = new LiveVolume();

self.onmessage = ({ data: buffer }) => {
  try {
    const frame = volume.apply(buffer);
    const transfer = [];
    for (const mesh of frame.meshes) {
      if (mesh.positions) transfer.push(mesh.positions.buffer, mesh.colors.buffer, mesh.indices.buffer);
    }
    self.postMessage({ ...frame, bytes: buffer.byteLength }, transfer);
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
