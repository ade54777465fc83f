using Goxel.Daemon.Monitoring;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterMonitoring()
    {
        Register("goxel.get_performance_metrics", (_, w) =>
        {
            if (!_metrics.Enabled)
                throw new RpcException(MetricsReport.MetricsOff, "Metrics are off: set monitoring.enable_metrics to true (SIGHUP applies it)");
            MetricsReport.Write(w, _metrics, _projects);
        });
        Alias("get_performance_metrics", "goxel.get_performance_metrics");
    }
}
