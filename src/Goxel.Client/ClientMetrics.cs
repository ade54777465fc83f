using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Goxel.Client;

/// <summary>
/// The SDK's System.Diagnostics.Metrics instruments (meter "Goxel.Client"): calls by method and
/// outcome, call duration, reconnects. Nothing is recorded unless a listener enables them.
/// </summary>
public static class ClientMetrics
{
    /// <summary>The meter's name, for MeterListener / OpenTelemetry.</summary>
    public const string MeterName = "Goxel.Client";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("goxel.client.calls", "{call}", "Calls finished, by method and outcome");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("goxel.client.call.duration", "ms", "Time from send to answer");

    private static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("goxel.client.reconnects", "{connection}", "Successful reconnects");

    internal static bool Enabled => Calls.Enabled || Duration.Enabled;

    internal static void RecordCall(string method, string outcome, long startTimestamp)
    {
        var tags = new TagList { { "method", method }, { "outcome", outcome } };
        Calls.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
    }

    internal static void RecordReconnect() => Reconnects.Add(1);
}
