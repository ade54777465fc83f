namespace Goxel.Daemon.Configuration;

/// <summary>
/// Every config key the daemon knows, in one table: adding a setting is a property on
/// <see cref="DaemonSettings"/> plus one line here (and, if it should have one, a flag in
/// <see cref="CommandLine"/> or a variable in <see cref="Environment"/>). The config file, the
/// environment, the command line and SIGHUP all go through this table, so the key's
/// validation, its error messages and whether a reload applies it are declared once.
/// </summary>
public static class SettingKeys
{
    /// <summary>Keys by name.</summary>
    public static IReadOnlyDictionary<string, SettingKey> All { get; } = new SettingKey[]
    {
        Int("daemon.max_connections", true, 1, 65536, s => s.MaxConnections, (s, v) => s with { MaxConnections = v }),
        Int("daemon.timeout_ms", true, 1, 3_600_000, s => s.TimeoutMs, (s, v) => s with { TimeoutMs = v }),
        Int("daemon.worker_threads", true, 1, 64, s => s.Workers, (s, v) => s with { Workers = v }),
        Int("daemon.request_queue_size", true, 0, 1_000_000, s => s.RequestQueueSize, (s, v) => s with { RequestQueueSize = v }),
        Bool("daemon.enable_compression", true, s => s.EnableCompression, (s, v) => s with { EnableCompression = v }),
        Int("daemon.compression_threshold", true, 0, int.MaxValue, s => s.CompressionThreshold, (s, v) => s with { CompressionThreshold = v }),
        Int("performance.voxel_batch_size", true, 1, int.MaxValue, s => s.VoxelBatchSize, (s, v) => s with { VoxelBatchSize = v }),
        Long("performance.cache_size_mb", true, 0, 1 << 20, s => s.CacheBytes >> 20, (s, v) => s with { CacheBytes = v << 20 }),
        Int("performance.block_cache_size", true, 0, int.MaxValue, s => s.BlockCacheSize, (s, v) => s with { BlockCacheSize = v }),
        Int("performance.render_cache_size", true, 0, int.MaxValue, s => s.RenderCacheSize, (s, v) => s with { RenderCacheSize = v }),
        Long("performance.gc_threshold_mb", true, 0, 1 << 20, s => s.GcThresholdBytes >> 20, (s, v) => s with { GcThresholdBytes = v << 20 }),
        Bool("monitoring.enable_metrics", true, s => s.Monitoring.EnableMetrics, (s, v) => s with { Monitoring = s.Monitoring with { EnableMetrics = v } }),
        Int("monitoring.metrics_interval_ms", true, 0, int.MaxValue, s => s.Monitoring.MetricsIntervalMs, (s, v) => s with { Monitoring = s.Monitoring with { MetricsIntervalMs = v } }),
        // The endpoint's socket and the log's formatter are set up once at start-up.
        Text("monitoring.prometheus", false, s => s.Monitoring.Prometheus, (s, v) => s with { Monitoring = s.Monitoring with { Prometheus = v } }),
        new SettingKey<LogFormat>("monitoring.log_format", false, v => MonitoringSettings.ParseLogFormat(v.Text()), s => s.Monitoring.LogFormat, (s, v) => s with { Monitoring = s.Monitoring with { LogFormat = v } }),
        Bool("monitoring.performance_logging", true, s => s.PerformanceLogging, (s, v) => s with { PerformanceLogging = v }),
        Int("monitoring.slow_request_threshold_ms", true, 0, int.MaxValue, s => s.SlowRequestThresholdMs, (s, v) => s with { SlowRequestThresholdMs = v }),
        Long("limits.flood_fill_max_voxels", true, 1, int.MaxValue, s => s.FloodFillMaxVoxels, (s, v) => s with { FloodFillMaxVoxels = v }),
        Long("limits.shape_max_voxels", true, 1, int.MaxValue, s => s.ShapeMaxVoxels, (s, v) => s with { ShapeMaxVoxels = v }),
        Int("limits.max_projects", true, 1, 1 << 20, s => s.MaxProjects, (s, v) => s with { MaxProjects = v }),
        Long("limits.undo_budget_mb", true, 0, 1 << 20, s => s.UndoBudgetBytes >> 20, (s, v) => s with { UndoBudgetBytes = v << 20 }),
        Long("limits.undo_total_mb", true, 0, 1 << 20, s => s.UndoTotalBytes >> 20, (s, v) => s with { UndoTotalBytes = v << 20 }),
        Long("limits.memory_mb", true, 16, 1 << 24, s => s.MemoryBudgetBytes >> 20, (s, v) => s with { MemoryBudgetBytes = v << 20 }),
        Long("limits.region_max_cells", true, 1, int.MaxValue, s => s.RegionMaxCells, (s, v) => s with { RegionMaxCells = v }),
        Long("limits.script_memory_mb", true, 1, 1 << 20, s => s.ScriptMemoryBytes >> 20, (s, v) => s with { ScriptMemoryBytes = v << 20 }),
        Text("files.workspace", true, s => s.Workspace, (s, v) => s with { Workspace = v }),
        new SettingKey<IReadOnlyList<string>?>("files.allowed_roots", true, v => v.List("folder paths", e => e.Text()), s => s.AllowedRoots, (s, v) => s with { AllowedRoots = v }),
        Int("render.max_width", true, 1, 65536, s => s.RenderMaxWidth, (s, v) => s with { RenderMaxWidth = v }),
        Int("render.max_height", true, 1, 65536, s => s.RenderMaxHeight, (s, v) => s with { RenderMaxHeight = v }),
        // The archive owns its folder and its sweep timer from start-up on.
        Text("render.dir", false, s => s.RenderArchive.Directory, (s, v) => s with { RenderArchive = s.RenderArchive with { Directory = v! } }),
        Long("render.ttl_seconds", false, 1, int.MaxValue, s => (long)s.RenderArchive.TimeToLive.TotalSeconds, (s, v) => s with { RenderArchive = s.RenderArchive with { TimeToLive = TimeSpan.FromSeconds(v) } }),
        Long("render.max_size_bytes", false, 1, long.MaxValue, s => s.RenderArchive.MaxBytes, (s, v) => s with { RenderArchive = s.RenderArchive with { MaxBytes = v } }),
        Long("render.cleanup_interval_seconds", false, 0, int.MaxValue, s => (long)s.RenderArchive.CleanupInterval.TotalSeconds, (s, v) => s with { RenderArchive = s.RenderArchive with { CleanupInterval = TimeSpan.FromSeconds(v) } }),
        // The vault opens the data directory and starts its flush and checkpoint loop at start-up.
        Bool("storage.enabled", false, s => s.Storage.Enabled, (s, v) => s with { Storage = s.Storage with { Enabled = v } }),
        new SettingKey<string?>("storage.data_dir", false, v => v.TextOrEmpty(), s => s.Storage.DataDirectory, (s, v) => s with
        {
            // "" (as --data-dir "") runs memory-only.
            Storage = s.Storage with { DataDirectory = v is { Length: > 0 } ? v : null, Enabled = s.Storage.Enabled && v is { Length: > 0 } },
        }),
        new SettingKey<FsyncPolicy>("storage.fsync", false, v => StorageSettings.ParseFsync(v.Text()), s => s.Storage.Fsync, (s, v) => s with { Storage = s.Storage with { Fsync = v } }),
        Long("storage.checkpoint_mb", false, 1, 1 << 20, s => s.Storage.CheckpointBytes >> 20, (s, v) => s with { Storage = s.Storage with { CheckpointBytes = v << 20 } }),
        Int("storage.autosave_seconds", false, 0, 86_400, s => s.Storage.AutosaveSeconds, (s, v) => s with { Storage = s.Storage with { AutosaveSeconds = v } }),
        Text("server.socket", false, s => s.SocketPath, (s, v) => s with { SocketPath = v! }),
        Text("server.pid_file", false, s => s.PidFile, (s, v) => s with { PidFile = v }),
        Text("server.tcp", false, s => s.Tcp, (s, v) => s with { Tcp = v }),
        // The viewer's HTTP listener is opened once at start (Viewer.ViewerServer); a new address needs a restart.
        Text("server.http", false, s => s.Http, (s, v) => s with { Http = v }),
        Bool("server.allow_remote", false, s => s.AllowRemote, (s, v) => s with { AllowRemote = v }),
        new SettingKey<TcpAuth>("server.tcp_auth", false, v => v.Text() switch
        {
            "token" => TcpAuth.Token,
            "none" => TcpAuth.None,
            var other => throw new FormatException($"expected \"token\" or \"none\", got \"{other}\""),
        }, s => s.TcpAuth, (s, v) => s with { TcpAuth = v }),
        new SettingKey<string?>("server.token", true, v => v.Text(), s => s.Token, (s, v) => s with { Token = v }, secret: true),
        Text("server.token_file", false, s => s.TokenFile, (s, v) => s with { TokenFile = v }),
        // Loaded once at start (Network.TlsCredentials); a new certificate needs a restart.
        Text("server.tls_certificate", false, s => s.TlsCertificate, (s, v) => s with { TlsCertificate = v }),
        Text("server.tls_key", false, s => s.TlsKey, (s, v) => s with { TlsKey = v }),
        new SettingKey<IReadOnlyList<int>?>("server.allowed_uids", true, v => v.List("user ids", e => (int)e.Integer(0, int.MaxValue)), s => s.AllowedUids, (s, v) => s with { AllowedUids = v }),
        // The loops start with the server: a new count needs a restart.
        Int("server.event_loops", false, 0, 64, s => s.EventLoops, (s, v) => s with { EventLoops = v }),
        Int("server.idle_timeout_seconds", true, 1, 7 * 24 * 3600, s => s.IdleTimeoutSeconds, (s, v) => s with { IdleTimeoutSeconds = v }),
        Long("server.max_request_bytes", true, 1024, int.MaxValue, s => s.MaxRequestBytes, (s, v) => s with { MaxRequestBytes = v }),
        new SettingKey<WireProtocol>("server.protocol", false, v => DaemonSettings.ParseProtocol(v.Text()), s => s.Protocol, (s, v) => s with { Protocol = v }),
        Bool("server.verbose", false, s => s.Verbose, (s, v) => s with { Verbose = v }),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Environment variables and the key each sets (above the config file, below the command line).</summary>
    public static IReadOnlyList<(string Variable, string Key)> Environment { get; } =
    [
        ("GOXEL_RENDER_DIR", "render.dir"),
        ("GOXEL_RENDER_TTL", "render.ttl_seconds"),
        ("GOXEL_RENDER_MAX_SIZE", "render.max_size_bytes"),
        ("GOXEL_RENDER_CLEANUP_INTERVAL", "render.cleanup_interval_seconds"),
        ("GOXEL_TOKEN", "server.token"),
    ];

    /// <summary>The variable every key can also be set with: <c>GOXEL__SECTION__KEY</c> (daemon.timeout_ms is GOXEL__DAEMON__TIMEOUT_MS).</summary>
    public static string EnvironmentName(string key) => "GOXEL__" + key.ToUpperInvariant().Replace(".", "__", StringComparison.Ordinal);

    private static SettingKey<int> Int(string name, bool reloadable, int min, int max, Func<DaemonSettings, int> get, Func<DaemonSettings, int, DaemonSettings> set) =>
        new(name, reloadable, v => (int)v.Integer(min, max), get, set);

    private static SettingKey<long> Long(string name, bool reloadable, long min, long max, Func<DaemonSettings, long> get, Func<DaemonSettings, long, DaemonSettings> set) =>
        new(name, reloadable, v => v.Integer(min, max), get, set);

    private static SettingKey<bool> Bool(string name, bool reloadable, Func<DaemonSettings, bool> get, Func<DaemonSettings, bool, DaemonSettings> set) =>
        new(name, reloadable, v => v.Boolean(), get, set);

    private static SettingKey<string?> Text(string name, bool reloadable, Func<DaemonSettings, string?> get, Func<DaemonSettings, string?, DaemonSettings> set) =>
        new(name, reloadable, v => v.Text(), get, set);

    private static InertKey Inert(string name, Action<SettingValue> validate) => new(name, validate);
}
