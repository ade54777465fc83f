namespace Goxel.Daemon.Configuration;

/// <summary>Which message languages a connection speaks (spec 1.4).</summary>
public enum WireProtocol
{
    /// <summary>JSON-RPC, or MCP for messages starting with {"tool (MCP arrives with the method catalogue).</summary>
    Auto,

    /// <summary>JSON-RPC 2.0 only.</summary>
    JsonRpc,

    /// <summary>The original's MCP translation only.</summary>
    Mcp,
}

/// <summary>How TCP clients prove they may use the daemon.</summary>
public enum TcpAuth
{
    /// <summary>The first message must be an auth call carrying the shared token.</summary>
    Token,

    /// <summary>No check at all (set explicitly with server.tcp_auth "none"; warned at start).</summary>
    None,
}

/// <summary>
/// Everything the daemon is configured with, as one immutable record: defaults, then the config
/// file, the environment and the command line (<see cref="SettingSources"/>). A reload builds a
/// new record and swaps it in whole (<see cref="CurrentSettings"/>); nothing mutates a record.
/// Each property is bound to its config key in <see cref="SettingKeys"/>.
/// </summary>
public sealed record DaemonSettings
{
    /// <summary>The original's default socket path.</summary>
    public const string DefaultSocketPath = "/tmp/goxel-daemon.sock";

    /// <summary>Unix socket path.</summary>
    public string SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>PID file path, or null for none.</summary>
    public string? PidFile { get; init; }

    /// <summary>Worker threads for parallel work: the most threads one render or export uses.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Concurrent connections accepted; more are told so and closed.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Message language on the sockets.</summary>
    public WireProtocol Protocol { get; init; } = WireProtocol.Auto;

    /// <summary>Optional TCP endpoint "host:port"; null for none.</summary>
    public string? Tcp { get; init; }

    /// <summary>Optional "host:port" of the live viewer's HTTP server (docs/viewer.md); null for none.</summary>
    public string? Http { get; init; }

    /// <summary>Allows a TCP or HTTP host other than loopback.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>How TCP clients authenticate.</summary>
    public TcpAuth TcpAuth { get; init; } = TcpAuth.Token;

    /// <summary>The shared TCP token (config or GOXEL_TOKEN); null means the daemon generates one into <see cref="TokenFile"/>.</summary>
    public string? Token { get; init; }

    /// <summary>Where a generated token is kept (mode 0600); null for "goxel-daemon.token" beside the socket.</summary>
    public string? TokenFile { get; init; }

    /// <summary>PEM certificate file (the server's certificate first, then any intermediates) that makes the TCP listener speak TLS; null for plain TCP.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM private key file of <see cref="TlsCertificate"/>.</summary>
    public string? TlsKey { get; init; }

    /// <summary>Unix user ids allowed on the Unix socket; null for any user the socket's mode lets in.</summary>
    public IReadOnlyList<int>? AllowedUids { get; init; }

    /// <summary>
    /// Threads that serve plain connections (Unix socket, TCP without TLS) with epoll, running
    /// quick requests themselves; 0 serves every connection on a thread of its own.
    /// </summary>
    public int EventLoops { get; init; } = Environment.ProcessorCount;

    /// <summary>Seconds a connection may stay silent before it is told so and closed.</summary>
    public int IdleTimeoutSeconds { get; init; } = 300;

    /// <summary>Largest request accepted, in bytes.</summary>
    public long MaxRequestBytes { get; init; } = 16L << 20;

    /// <summary>Debug logging and a settings summary at start.</summary>
    public bool Verbose { get; init; }

    /// <summary>Config file the settings came from (re-read on SIGHUP).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Time limit of any request (daemon.timeout_ms), and the default of a script's timeout_ms, in milliseconds.</summary>
    public int TimeoutMs { get; init; } = 30_000;

    /// <summary>Requests that may wait for one busy project (daemon.request_queue_size); more are refused as busy.</summary>
    public int RequestQueueSize { get; init; } = 1000;

    /// <summary>Compresses packed results past <see cref="CompressionThreshold"/> (daemon.enable_compression).</summary>
    public bool EnableCompression { get; init; }

    /// <summary>Packed result bytes above which compression applies (daemon.compression_threshold).</summary>
    public int CompressionThreshold { get; init; } = 1024;

    /// <summary>Voxels per progress notification of a batch, and the clients' default batch size (performance.voxel_batch_size).</summary>
    public int VoxelBatchSize { get; init; } = 1000;

    /// <summary>Requests slower than this are logged as warnings; 0 disables.</summary>
    public int SlowRequestThresholdMs { get; init; }

    /// <summary>Logs the duration of every request at debug level.</summary>
    public bool PerformanceLogging { get; init; }

    /// <summary>Metrics, the Prometheus endpoint, the periodic metrics line and the log format (the monitoring section).</summary>
    public MonitoringSettings Monitoring { get; init; } = new();

    /// <summary>Most cells one flood fill may touch before it fails (and is rolled back).</summary>
    public long FloodFillMaxVoxels { get; init; } = 16_000_000;

    /// <summary>Most cells one procedural shape may cover.</summary>
    public long ShapeMaxVoxels { get; init; } = 256_000_000;

    /// <summary>
    /// Managed memory the daemon may hold (limits.memory_mb): an operation that passes it fails,
    /// is rolled back and its memory collected. Default: half the memory the runtime sees.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>Most cells one region operation (paint, region read, script host call) may touch (limits.region_max_cells).</summary>
    public long RegionMaxCells { get; init; } = 64_000_000;

    /// <summary>A script's memory cap (limits.script_memory_mb); cells its host calls write count 4 bytes each.</summary>
    public long ScriptMemoryBytes { get; init; } = 256L << 20;

    /// <summary>Projects open at once.</summary>
    public int MaxProjects { get; init; } = 1024;

    /// <summary>Bytes of undo history kept per project.</summary>
    public long UndoBudgetBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Bytes of undo history kept by all projects in memory together (limits.undo_total_mb): past
    /// it, once a second, the oldest steps of the least recently used projects are dropped. 0: no
    /// daemon-wide bound (only <see cref="UndoBudgetBytes"/> per project).
    /// </summary>
    public long UndoTotalBytes { get; init; } = 128L << 20;

    /// <summary>Folder relative file paths resolve against; null for the working directory.</summary>
    public string? Workspace { get; init; }

    /// <summary>
    /// Folders client file paths must stay in (after resolving links); null means the workspace
    /// and the system temp folder, an empty list means anywhere.
    /// </summary>
    public IReadOnlyList<string>? AllowedRoots { get; init; }

    /// <summary>Finished pictures kept for identical renders of an unchanged project (performance.render_cache_size); 0 keeps none.</summary>
    public int RenderCacheSize { get; init; } = 50;

    /// <summary>Blocks whose render data (masks, solid box, decoded cells) is kept across renders (performance.block_cache_size); 0 keeps none.</summary>
    public int BlockCacheSize { get; init; } = 4096;

    /// <summary>Bytes both render caches may hold together (performance.cache_size_mb); 0 keeps nothing.</summary>
    public long CacheBytes { get; init; } = 128L << 20;

    /// <summary>
    /// Managed memory past which the daemon empties the render caches, drops the oldest undo steps
    /// and compacts the heap (performance.gc_threshold_mb); 0 turns this off.
    /// </summary>
    public long GcThresholdBytes { get; init; }

    /// <summary>The render caches' bounds under these settings.</summary>
    public Goxel.Render.RenderCacheLimits RenderCacheLimits => new(RenderCacheSize, BlockCacheSize, CacheBytes);

    /// <summary>Largest render width in pixels.</summary>
    public int RenderMaxWidth { get; init; } = Goxel.Render.RenderLimits.DefaultMaxDimension;

    /// <summary>Largest render height in pixels.</summary>
    public int RenderMaxHeight { get; init; } = Goxel.Render.RenderLimits.DefaultMaxDimension;

    /// <summary>The render archive (render_scene's file mode).</summary>
    public Goxel.Render.RenderArchiveOptions RenderArchive { get; init; } = new();

    /// <summary>Data directory, journals, checkpoints and autosave (the storage section).</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>Parses a protocol name: auto, jsonrpc or mcp.</summary>
    public static WireProtocol ParseProtocol(string value) => value switch
    {
        "auto" => WireProtocol.Auto,
        "jsonrpc" => WireProtocol.JsonRpc,
        "mcp" => WireProtocol.Mcp,
        _ => throw new FormatException($"expected auto, jsonrpc or mcp, got \"{value}\""),
    };
}
