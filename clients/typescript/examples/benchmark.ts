// The guide's automated benchmark suite, with smaller sizes so it finishes in seconds.
// `new PerformanceBenchmark({ socketPath })` without sizes runs the guide's full suite.
import { PerformanceBenchmark } from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const benchmark = new PerformanceBenchmark({
    socketPath,
    connectionIterations: 20,
    singleVoxelIterations: 200,
    batchSizes: [10, 100, 1000],
    renderSizes: [{ width: 256, height: 256 }],
    memoryVoxelCount: 5000,
  });
  return benchmark.runFullBenchmark();
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await main(process.env['GOXEL_SOCKET']), null, 2));
