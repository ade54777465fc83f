// Connect, create a project, write and read voxels, disconnect.
import { GoxelDaemonClient, GoxelRpcError } from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const client = new GoxelDaemonClient({ socketPath, timeout: 10000 });
  await client.connect();
  try {
    const { project_id } = await client.createProject({ name: 'quickstart', size: [32, 32, 32] });
    await client.addVoxel({ position: [0, 0, 0], color: [255, 0, 0, 255] });
    await client.addVoxel({ position: { x: 1, y: 0, z: 0 }, color: '#00FF00' });
    await client.addVoxelBatch({
      voxels: Array.from({ length: 100 }, (_, i) => ({ position: [i % 10, Math.floor(i / 10), 1] as const, color: [0, 0, 255, 255] })),
    });
    const voxel = await client.getVoxel({ position: [1, 0, 0] });
    const box = await client.getBoundingBox();
    try {
      await client.call('goxel.no_such_method');
    } catch (error) {
      if (!(error instanceof GoxelRpcError) || error.code !== -32601) throw error;
    }
    return { project_id, color: voxel.color, box };
  } finally {
    await client.disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main(process.env['GOXEL_SOCKET']));
