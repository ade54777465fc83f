// The guide's response cache: repeated reads come from memory until a write through the
// same wrapper invalidates them (or the TTL, 5 s by default, runs out).
import { CachedGoxelClient, GoxelDaemonClient } from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const client = new GoxelDaemonClient({ socketPath });
  await client.connect();
  await client.createProject({ name: 'cached' });
  const cached = new CachedGoxelClient(client);

  await cached.addVoxelWithCacheInvalidation({ position: [4, 4, 4], color: [10, 20, 30, 255] });
  const first = await cached.getBoundingBoxCached();   // from the daemon
  const again = await cached.getBoundingBoxCached();   // from the cache
  await cached.addVoxelWithCacheInvalidation({ position: [8, 4, 4], color: [10, 20, 30, 255] });
  const fresh = await cached.getBoundingBoxCached();   // invalidated by the write: from the daemon

  await client.disconnect();
  return { sameObject: first === again, fresh };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main(process.env['GOXEL_SOCKET']));
