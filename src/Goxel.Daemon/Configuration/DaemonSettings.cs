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

/// <summary>Everything the daemon is configured with: command line over config file over defaults.</summary>
public sealed class DaemonSettings
{
    /// <summary>The original's default socket path.</summary>
    public const string DefaultSocketPath = "/tmp/goxel-daemon.sock";

    /// <summary>Unix socket path.</summary>
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>PID file path, or null for none.</summary>
    public string? PidFile { get; set; }

    /// <summary>Worker threads for parallel work (renders, large edits); also the thread pool's minimum.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Concurrent connections accepted; more are told so and closed.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>Message language on the sockets.</summary>
    public WireProtocol Protocol { get; set; } = WireProtocol.Auto;

    /// <summary>Optional TCP endpoint "host:port"; null for none.</summary>
    public string? Tcp { get; set; }

    /// <summary>Allows a TCP host other than loopback.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Largest request accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 16L << 20;

    /// <summary>Debug logging and a settings summary at start.</summary>
    public bool Verbose { get; set; }

    /// <summary>Config file the settings came from (re-read on SIGHUP).</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Default timeout for long operations such as scripts, in milliseconds.</summary>
    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>Requests slower than this are logged as warnings; 0 disables.</summary>
    public int SlowRequestThresholdMs { get; set; }

    /// <summary>Logs the duration of every request at debug level.</summary>
    public bool PerformanceLogging { get; set; }

    /// <summary>Most cells one flood fill may touch before it fails (and is rolled back).</summary>
    public long FloodFillMaxVoxels { get; set; } = 16_000_000;

    /// <summary>Most cells one procedural shape may cover.</summary>
    public long ShapeMaxVoxels { get; set; } = 256_000_000;

    /// <summary>Projects open at once.</summary>
    public int MaxProjects { get; set; } = 1024;

    /// <summary>Bytes of undo history kept per project.</summary>
    public long UndoBudgetBytes { get; set; } = 256L << 20;

    /// <summary>Folder relative file paths resolve against; null for the working directory.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// Folders client file paths must stay in (after resolving links); null means the workspace
    /// and the system temp folder, an empty list means anywhere.
    /// </summary>
    public IReadOnlyList<string>? AllowedRoots { get; set; }

    /// <summary>Largest render width in pixels.</summary>
    public int RenderMaxWidth { get; set; } = Goxel.Render.RenderLimits.DefaultMaxDimension;

    /// <summary>Largest render height in pixels.</summary>
    public int RenderMaxHeight { get; set; } = Goxel.Render.RenderLimits.DefaultMaxDimension;

    /// <summary>
    /// The render archive (render_scene's file mode): GOXEL_RENDER_DIR, _TTL, _MAX_SIZE and
    /// _CLEANUP_INTERVAL, then the config file's render section.
    /// </summary>
    public Goxel.Render.RenderArchiveOptions RenderArchive { get; set; } = new();

    /// <summary>Data directory, journals, checkpoints and autosave (the storage section).</summary>
    public StorageSettings Storage { get; } = new();

    /// <summary>Settings given on the command line, which the config file does not override.</summary>
    public HashSet<string> CommandLineKeys { get; } = [];

    /// <summary>Parses a protocol name: auto, jsonrpc or mcp.</summary>
    public static WireProtocol ParseProtocol(string value) => value switch
    {
        "auto" => WireProtocol.Auto,
        "jsonrpc" => WireProtocol.JsonRpc,
        "mcp" => WireProtocol.Mcp,
        _ => throw new FormatException($"expected auto, jsonrpc or mcp, got \"{value}\""),
    };
}
