using System.Globalization;
using Goxel.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Goxel.Cli.Commands;

/// <summary>The tables `goxel stats` prints and `goxel top` refreshes: the daemon overview and one row per method.</summary>
internal static class MetricsView
{
    /// <summary>
    /// The overview and the methods table, busiest first. With <paramref name="previous"/> (the
    /// sample <paramref name="interval"/> earlier) a requests-per-second column shows the rate since.
    /// </summary>
    public static IRenderable Build(DaemonMetrics m, DaemonMetrics? previous = null, TimeSpan interval = default)
    {
        var overview = new Table().Title("goxel-daemon").HideHeaders().AddColumn("what").AddColumn("value");
        var c = m.Connections;
        overview.AddRow("uptime", TimeSpan.FromSeconds(Math.Floor(m.UptimeSeconds)).ToString("c", CultureInfo.InvariantCulture));
        overview.AddRow("connections", $"{c.Current} open, {c.Total} total, {c.Rejected} rejected ({Transports(c)})");
        overview.AddRow("requests", $"{m.Requests.Total:N0} ({m.Requests.Errors:N0} errors)");
        overview.AddRow("voxels written", $"{m.Voxels.WrittenTotal:N0} ({m.Voxels.WrittenPerSecond:N0}/s over {m.Voxels.RateWindowSeconds} s)");
        var mem = m.Memory;
        overview.AddRow("memory", $"rss {Bytes(mem.RssBytes)}, gc heap {Bytes(mem.GcHeapBytes)}, projects {Bytes(mem.ProjectBytes)} (undo {Bytes(mem.UndoBytes)}), caches {Bytes(mem.CacheBytes)}");
        overview.AddRow("blocks", string.Join(", ", mem.Blocks.Select(b => $"{b.Key} {b.Value.Count:N0} ({Bytes(b.Value.Bytes)})")) + $"; {mem.BytesPerVoxel:F2} bytes/voxel");
        overview.AddRow("renders", $"{m.Renders.Count:N0}, {m.Renders.TotalMs:N1} ms total, p50 {m.Renders.P50Ms:N1} ms");
        overview.AddRow("journal", m.Journal is { } j
            ? $"{Bytes(j.BytesWritten)} written, {j.Fsyncs:N0} fsyncs ({j.FsyncPolicy}), last {j.LastFsync ?? "never"}"
            : "storage off");

        var methods = new Table().AddColumn(new TableColumn("method").NoWrap()).AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("errors").RightAligned());
        if (previous is not null) methods.AddColumn(new TableColumn("req/s").RightAligned());
        foreach (var name in new[] { "p50 ms", "p95 ms", "p99 ms", "max ms" }) methods.AddColumn(new TableColumn(name).RightAligned());
        foreach (var (name, method) in m.Requests.Methods.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var row = new List<string> { Markup.Escape(name), method.Count.ToString("N0", CultureInfo.InvariantCulture), method.Errors.ToString("N0", CultureInfo.InvariantCulture) };
            if (previous is not null)
            {
                var before = previous.Requests.Methods.TryGetValue(name, out var earlier) ? earlier.Count : 0;
                row.Add(((method.Count - before) / Math.Max(interval.TotalSeconds, 1e-3)).ToString("N1", CultureInfo.InvariantCulture));
            }
            row.AddRange([Ms(method.P50Ms), Ms(method.P95Ms), Ms(method.P99Ms), Ms(method.MaxMs)]);
            methods.AddRow([.. row]);
        }
        return new Rows(overview, methods);
    }

    private static string Transports(DaemonConnections c) =>
        string.Join(", ", c.ByTransport.Where(t => t.Value.Total + t.Value.Rejected > 0).Select(t => $"{t.Key} {t.Value.Current}/{t.Value.Total}"));

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Bytes in the largest binary unit that keeps the number at least 1.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes} B",
    };
}
