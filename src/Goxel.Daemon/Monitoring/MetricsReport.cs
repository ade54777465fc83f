using System.Globalization;
using System.Text.Json;
using Goxel.Core;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Monitoring;

/// <summary>The result of goxel.get_performance_metrics: every figure the daemon keeps, as one JSON object.</summary>
internal static class MetricsReport
{
    /// <summary>The error code of get_performance_metrics while monitoring.enable_metrics is off.</summary>
    public const int MetricsOff = -1040;

    private static readonly (string Name, GCKind Kind)[] GcKinds =
        [("ephemeral", GCKind.Ephemeral), ("full_blocking", GCKind.FullBlocking), ("background", GCKind.Background)];

    /// <summary>Writes the report: uptime, connections, requests by method, voxels, memory, garbage collector, renders, journal.</summary>
    public static void Write(Utf8JsonWriter w, DaemonMetrics metrics, ProjectStore projects)
    {
        w.WriteStartObject();
        w.WriteNumber("uptime_seconds", Math.Round(metrics.Uptime.TotalSeconds, 3));
        WriteConnections(w, metrics.Connections);
        WriteRequests(w, metrics.Requests);
        w.WriteStartObject("voxels");
        w.WriteNumber("written_total", metrics.Voxels.Total);
        w.WriteNumber("written_per_second", Math.Round(metrics.Voxels.PerSecond, 1));
        w.WriteNumber("rate_window_seconds", RateWindow.Seconds);
        w.WriteEndObject();
        WriteMemory(w, MemoryFigures.Gather(projects, metrics), metrics.Caches);
        WriteGc(w);
        w.WriteStartObject("renders");
        w.WriteNumber("count", metrics.Renders.Count);
        w.WriteNumber("total_ms", Milliseconds(metrics.Renders.Total));
        w.WriteNumber("p50_ms", Milliseconds(metrics.Renders.Percentile(0.5)));
        w.WriteNumber("max_ms", Milliseconds(metrics.Renders.Max));
        w.WriteEndObject();
        w.WritePropertyName("journal");
        if (projects.Vault is { } vault)
        {
            var (bytes, fsyncs, last) = vault.JournalFigures;
            w.WriteStartObject();
            w.WriteNumber("bytes_written", bytes);
            w.WriteNumber("fsyncs", fsyncs);
            if (last is { } time) w.WriteString("last_fsync", time.ToString("O", CultureInfo.InvariantCulture));
            else w.WriteNull("last_fsync");
            w.WriteString("fsync_policy", Configuration.StorageSettings.Name(vault.Settings.Fsync));
            w.WriteEndObject();
        }
        else w.WriteNullValue();
        w.WriteEndObject();
    }

    private static void WriteConnections(Utf8JsonWriter w, ConnectionFigures connections)
    {
        w.WriteStartObject("connections");
        w.WriteNumber("current", ConnectionFigures.Kinds.Sum(connections.Open));
        w.WriteNumber("total", ConnectionFigures.Kinds.Sum(connections.Total));
        w.WriteNumber("rejected", ConnectionFigures.Kinds.Sum(connections.Refused));
        w.WriteStartObject("by_transport");
        foreach (var kind in ConnectionFigures.Kinds)
        {
            w.WriteStartObject(ConnectionFigures.Name(kind));
            w.WriteNumber("current", connections.Open(kind));
            w.WriteNumber("total", connections.Total(kind));
            w.WriteNumber("rejected", connections.Refused(kind));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("by_event_loop");
        foreach (var count in connections.ByLoop) w.WriteNumberValue(count);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRequests(Utf8JsonWriter w, RequestFigures requests)
    {
        w.WriteStartObject("requests");
        w.WriteNumber("total", requests.Count);
        w.WriteNumber("errors", requests.Errors);
        w.WriteStartObject("methods");
        foreach (var (name, histogram) in requests.Methods)
        {
            w.WriteStartObject(name);
            w.WriteNumber("count", histogram.Count);
            w.WriteNumber("errors", histogram.Errors);
            w.WriteNumber("mean_ms", histogram.Count == 0 ? 0 : Milliseconds(histogram.Total / histogram.Count));
            w.WriteNumber("p50_ms", Milliseconds(histogram.Percentile(0.50)));
            w.WriteNumber("p95_ms", Milliseconds(histogram.Percentile(0.95)));
            w.WriteNumber("p99_ms", Milliseconds(histogram.Percentile(0.99)));
            w.WriteNumber("max_ms", Milliseconds(histogram.Max));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Every thread stops while the workstation collector runs: these pauses add to every request
    // in flight, so a latency tail that hits pings and edits alike is read against them.
    private static void WriteGc(Utf8JsonWriter w)
    {
        w.WriteStartObject("gc");
        w.WriteNumber("gen0", GC.CollectionCount(0));
        w.WriteNumber("gen1", GC.CollectionCount(1));
        w.WriteNumber("gen2", GC.CollectionCount(2));
        w.WriteNumber("pause_total_ms", Milliseconds(GC.GetTotalPauseDuration()));
        w.WriteNumber("pause_time_percent", Math.Round(GC.GetGCMemoryInfo().PauseTimePercentage, 3));
        w.WriteStartObject("last_pause_ms");
        foreach (var (name, kind) in GcKinds)
        {
            var last = GC.GetGCMemoryInfo(kind);
            var pause = TimeSpan.Zero;
            foreach (var part in last.PauseDurations) pause += part;
            w.WriteNumber(name, Milliseconds(pause));
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMemory(Utf8JsonWriter w, MemoryFigures memory, IReadOnlyList<ICacheFigures> caches)
    {
        w.WriteStartObject("memory");
        w.WriteNumber("rss_bytes", memory.RssBytes);
        w.WriteNumber("gc_heap_bytes", memory.GcHeapBytes);
        w.WriteNumber("project_bytes", memory.ProjectBytes);
        w.WriteNumber("undo_bytes", memory.UndoBytes);
        w.WriteNumber("cache_bytes", memory.CacheBytes);
        w.WriteNumber("voxels", memory.Voxels);
        w.WriteNumber("bytes_per_voxel", Math.Round(memory.BytesPerVoxel, 3));
        w.WriteNumber("projects_counted", memory.ProjectsCounted);
        w.WriteNumber("projects_busy", memory.ProjectsBusy);
        w.WriteStartObject("blocks");
        foreach (var kind in Enum.GetValues<BlockKind>())
        {
            w.WriteStartObject(MemoryFigures.Name(kind));
            w.WriteNumber("count", memory.Blocks[(int)kind]);
            w.WriteNumber("bytes", memory.BlockBytes[(int)kind]);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("caches");
        foreach (var cache in caches) w.WriteNumber(cache.Name, cache.Bytes);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Milliseconds to the microsecond.</summary>
    public static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);
}
