// The guide's "connection pool + optimal batch size": 10,000 voxels in batches of 1000,
// three batches in flight, each on its own pooled connection.
import { BatchOptimizer, ConnectionPool, GoxelDaemonClient, type VoxelData } from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const client = new GoxelDaemonClient({ socketPath });
  await client.connect();
  const { project_id } = await client.createProject({ name: 'pooled' });

  const pool = new ConnectionPool({ socketPath, size: 3 });
  const voxels: VoxelData[] = [];
  for (let i = 0; i < 10000; i++) voxels.push({ position: [i % 100, Math.floor(i / 100), 0], color: [200, 120, 40, 255] });
  const optimizer = new BatchOptimizer(pool, { batchSize: BatchOptimizer.OPTIMAL_BATCH_SIZES.voxel_operations, maxConcurrency: 3 });
  const written = await optimizer.addVoxelsOptimized(voxels, { project_id });
  await pool.close();

  const box = await client.getBoundingBox({ project_id });
  await client.disconnect();
  return { written, box };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main(process.env['GOXEL_SOCKET']));
