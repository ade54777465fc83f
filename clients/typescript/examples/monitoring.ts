// The guide's monitoring: an instrumented client, a profiler, and alert rules.
import {
  GoxelDaemonClient, InstrumentedGoxelClient, PerformanceMonitor, PerformanceProfiler, type AlertRule,
} from 'goxel-daemon-client';

export async function main(socketPath = '/tmp/goxel-daemon.sock') {
  const client = new GoxelDaemonClient({ socketPath });
  await client.connect();
  await client.createProject({ name: 'monitored' });

  const alerts: string[] = [];
  const rules: AlertRule[] = [
    { name: 'Slow', condition: (m) => m.avgLatency > 250, action: (m) => alerts.push(`slow: ${m.avgLatency.toFixed(1)} ms`) },
    { name: 'Errors', condition: (m) => m.errorRate > 0.05, action: (m) => alerts.push(`errors: ${(m.errorRate * 100).toFixed(0)}%`) },
  ];
  const instrumented = new InstrumentedGoxelClient(client, new PerformanceMonitor({ alerts: rules }));
  for (let i = 0; i < 200; i++) await instrumented.addVoxel({ position: [i, 0, 0], color: [0, 255, 0, 255] });
  await instrumented.call('goxel.no_such_method').catch(() => undefined);   // one failure in 201: 0.5%
  const report = instrumented.getPerformanceReport();
  instrumented.monitor.checkAlerts();

  const profiler = new PerformanceProfiler();
  await profiler.profile('get_bounding_box', () => client.getBoundingBox());
  await profiler.profile('get_voxel', () => client.getVoxel({ position: [0, 0, 0] }));

  await client.disconnect();
  return { requests: report.requests, alerts, profile: profiler.getReport() };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await main(process.env['GOXEL_SOCKET']));
