using System.Text.Json;

namespace Goxel.Daemon.Configuration;

/// <summary>A config file value that cannot be used; the message names the key.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// Reads the seed guide's JSON config (sections daemon, performance, monitoring) plus a
/// "server" section of our own. Unknown keys are reported as warnings; a known key with a bad
/// value stops the daemon with a message naming it. Keys given on the command line win.
/// </summary>
public static class ConfigFile
{
    private delegate void Apply(DaemonSettings settings, JsonElement value);

    private sealed record Key(string CommandLineName, Apply Setter);

    private static readonly Dictionary<string, Key> Keys = new()
    {
        ["daemon.max_connections"] = Int("max_connections", 1, 65536, (s, v) => s.MaxConnections = v),
        ["daemon.timeout_ms"] = Int("", 1, 3_600_000, (s, v) => s.TimeoutMs = v),
        ["daemon.worker_threads"] = Int("workers", 1, 64, (s, v) => s.Workers = v),
        ["daemon.request_queue_size"] = Int("", 1, 1_000_000, null),
        ["daemon.enable_compression"] = Bool("", null),
        ["daemon.compression_threshold"] = Int("", 0, int.MaxValue, null),
        ["performance.cache_size_mb"] = Int("", 0, 1 << 20, null),
        ["performance.block_cache_size"] = Int("", 0, int.MaxValue, null),
        ["performance.voxel_batch_size"] = Int("", 1, int.MaxValue, null),
        ["performance.render_cache_size"] = Int("", 0, int.MaxValue, null),
        ["performance.gc_threshold_mb"] = Int("", 0, 1 << 20, null),
        ["monitoring.enable_metrics"] = Bool("", null),
        ["monitoring.metrics_interval_ms"] = Int("", 1, int.MaxValue, null),
        ["monitoring.performance_logging"] = Bool("", (s, v) => s.PerformanceLogging = v),
        ["monitoring.slow_request_threshold_ms"] = Int("", 0, int.MaxValue, (s, v) => s.SlowRequestThresholdMs = v),
        ["limits.flood_fill_max_voxels"] = Int("", 1, int.MaxValue, (s, v) => s.FloodFillMaxVoxels = v),
        ["limits.shape_max_voxels"] = Int("", 1, int.MaxValue, (s, v) => s.ShapeMaxVoxels = v),
        ["limits.max_projects"] = Int("", 1, 1 << 20, (s, v) => s.MaxProjects = v),
        ["limits.undo_budget_mb"] = Int("", 0, 1 << 20, (s, v) => s.UndoBudgetBytes = (long)v << 20),
        ["files.workspace"] = Text("workspace", (s, v) => s.Workspace = v),
        ["files.allowed_roots"] = new("", (s, e) =>
        {
            if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String || r.GetString() is not { Length: > 0 }))
                throw new FormatException($"expected an array of folder paths, got {e.GetRawText()}");
            s.AllowedRoots = e.EnumerateArray().Select(r => r.GetString()!).ToList();
        }),
        ["render.max_width"] = Int("", 1, 65536, (s, v) => s.RenderMaxWidth = v),
        ["render.max_height"] = Int("", 1, 65536, (s, v) => s.RenderMaxHeight = v),
        ["render.dir"] = Text("", (s, v) => s.RenderArchive = s.RenderArchive with { Directory = v }),
        ["render.ttl_seconds"] = Int("", 1, int.MaxValue, (s, v) => s.RenderArchive = s.RenderArchive with { TimeToLive = TimeSpan.FromSeconds(v) }),
        ["render.max_size_bytes"] = Int("", 1, int.MaxValue, (s, v) => s.RenderArchive = s.RenderArchive with { MaxBytes = v }),
        ["render.cleanup_interval_seconds"] = Int("", 0, int.MaxValue, (s, v) => s.RenderArchive = s.RenderArchive with { CleanupInterval = TimeSpan.FromSeconds(v) }),
        ["storage.enabled"] = Bool("data_dir", (s, v) => s.Storage.Enabled = v),
        ["storage.data_dir"] = new("data_dir", (s, e) =>
        {
            if (e.ValueKind != JsonValueKind.String) throw new FormatException($"expected a folder path (\"\" for memory only), got {e.GetRawText()}");
            s.Storage.DataDirectory = e.GetString() is { Length: > 0 } dir ? dir : null;
            s.Storage.Enabled &= e.GetString() is { Length: > 0 };
        }),
        ["storage.fsync"] = Text("", (s, v) => s.Storage.Fsync = StorageSettings.ParseFsync(v)),
        ["storage.checkpoint_mb"] = Int("", 1, 1 << 20, (s, v) => s.Storage.CheckpointBytes = (long)v << 20),
        ["storage.autosave_seconds"] = Int("", 0, 86_400, (s, v) => s.Storage.AutosaveSeconds = v),
        ["server.socket"] = Text("socket", (s, v) => s.SocketPath = v),
        ["server.tcp"] = Text("tcp", (s, v) => s.Tcp = v),
        ["server.allow_remote"] = Bool("allow_remote", (s, v) => s.AllowRemote = v),
        ["server.max_request_bytes"] = Int("max_request_bytes", 1024, int.MaxValue, (s, v) => s.MaxRequestBytes = v),
        ["server.protocol"] = Text("protocol", (s, v) => s.Protocol = DaemonSettings.ParseProtocol(v)),
    };

    /// <summary>
    /// Applies the file at <paramref name="path"/> to <paramref name="settings"/>, skipping keys in
    /// <paramref name="commandLineKeys"/>; returns warnings for unknown keys.
    /// </summary>
    public static IReadOnlyList<string> Load(string path, DaemonSettings settings, IReadOnlySet<string> commandLineKeys)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config {path}: cannot read: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"config {path}: not valid JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ConfigException($"config {path}: the top level must be an object");
            var warnings = new List<string>();
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    warnings.Add($"config {path}: unknown key '{section.Name}' ignored");
                    continue;
                }
                foreach (var entry in section.Value.EnumerateObject())
                {
                    var name = $"{section.Name}.{entry.Name}";
                    if (!Keys.TryGetValue(name, out var key))
                    {
                        warnings.Add($"config {path}: unknown key '{name}' ignored");
                        continue;
                    }
                    if (key.CommandLineName.Length > 0 && commandLineKeys.Contains(key.CommandLineName)) continue;
                    try
                    {
                        key.Setter(settings, entry.Value);
                    }
                    catch (FormatException ex)
                    {
                        throw new ConfigException($"config {path}: invalid value for '{name}': {ex.Message}");
                    }
                }
            }
            return warnings;
        }
    }

    private static Key Int(string cli, int min, int max, Action<DaemonSettings, int>? set) => new(cli, (s, e) =>
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var v)) throw new FormatException($"expected an integer, got {e.GetRawText()}");
        if (v < min || v > max) throw new FormatException($"{v} is outside {min}..{max}");
        set?.Invoke(s, v);
    });

    private static Key Bool(string cli, Action<DaemonSettings, bool>? set) => new(cli, (s, e) =>
    {
        if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new FormatException($"expected true or false, got {e.GetRawText()}");
        set?.Invoke(s, e.GetBoolean());
    });

    private static Key Text(string cli, Action<DaemonSettings, string> set) => new(cli, (s, e) =>
    {
        if (e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 } v) throw new FormatException($"expected a non-empty string, got {e.GetRawText()}");
        set(s, v);
    });
}
