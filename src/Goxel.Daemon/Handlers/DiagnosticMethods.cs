using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    /// <summary>The daemon's version string.</summary>
    public static readonly string Version =
        typeof(DaemonMethods).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    private void RegisterDiagnostics()
    {
        Register("echo", (p, w) =>
        {
            if (p.IsArray || p.IsObject) p.Element.WriteTo(w);
            else
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }
        });
        Register("version", (_, w) =>
        {
            w.WriteStartObject();
            w.WriteString("version", Version);
            w.WriteString("type", "daemon");
            w.WriteString("protocol", "JSON-RPC 2.0");
            w.WriteEndObject();
        });
        Register("status", (_, w) => WriteStatus(w));
        Register("ping", (_, w) =>
        {
            w.WriteStartObject();
            w.WriteBoolean("pong", true);
            w.WriteNumber("timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteEndObject();
        });
        Register("list_methods", (_, w) =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", MethodCatalogue.Original.Count);
            w.WriteStartArray("methods");
            foreach (var method in MethodCatalogue.Original)
            {
                w.WriteStartObject();
                w.WriteString("method", method.Name);
                w.WriteString("description", method.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void WriteStatus(Utf8JsonWriter w)
    {
        using var process = Process.GetCurrentProcess();
        w.WriteStartObject();
        w.WriteString("status", "running");
        w.WriteNumber("pid", Environment.ProcessId);
        w.WriteString("current_time", DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteString("hostname", Environment.MachineName);
        w.WriteBoolean("goxel_initialized", true);
        w.WriteNumber("methods_available", MethodCatalogue.Original.Count);
        w.WriteNumber("memory_allocated", GC.GetTotalMemory(false));
        w.WriteNumber("uptime_seconds", (long)(DateTime.UtcNow - _started).TotalSeconds);
        w.WriteNumber("rss_bytes", process.WorkingSet64);
        w.WriteNumber("project_count", _projects.All.Count);
        // The clients' default batch size comes from here (performance.voxel_batch_size).
        w.WriteNumber("voxel_batch_size", _settings.VoxelBatchSize);
        WriteStorageStatus(w);
        w.WriteEndObject();
    }
}
