// The guide's SmartBatcher: scattered single-voxel writes become one batch per 50 ms window;
// a later write to the same cell replaces the earlier one, and every caller's promise settles.
import { GoxelDaemonClient, SmartBatcher } from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const client = new GoxelDaemonClient({ socketPath });
  await client.connect();
  await client.createProject({ name: 'smart batching' });

  const batcher = new SmartBatcher(client);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 500; i++) {
    writes.push(batcher.addVoxelDeferred({ position: [i % 50, 0, 0], color: [i % 256, 0, 0, 255] }));
  }
  await Promise.all(writes);

  const last = await client.getVoxel({ position: [49, 0, 0] });
  await client.disconnect();
  return { batches: batcher.batchesSent, color: last.color };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main(process.env['GOXEL_SOCKET']));
