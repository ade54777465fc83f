namespace Goxel.Client;

/// <summary>Result of <c>goxel.get_performance_metrics</c>: what the daemon has counted since it started.</summary>
public sealed record DaemonMetrics
{
    /// <summary>Seconds since the daemon started.</summary>
    public double UptimeSeconds { get; init; }
    /// <summary>Connections open, admitted and refused, by transport.</summary>
    public DaemonConnections Connections { get; init; } = new();
    /// <summary>Requests by method, with latency percentiles.</summary>
    public DaemonRequests Requests { get; init; } = new();
    /// <summary>Voxels written by the add and remove methods.</summary>
    public DaemonVoxelWrites Voxels { get; init; } = new();
    /// <summary>Where the daemon's memory is.</summary>
    public DaemonMemory Memory { get; init; } = new();
    /// <summary>Garbage collections and the time they stopped the daemon.</summary>
    public DaemonGc Gc { get; init; } = new();
    /// <summary>Renders and their time.</summary>
    public DaemonRenders Renders { get; init; } = new();
    /// <summary>Journal figures; null when the daemon runs without storage.</summary>
    public DaemonJournal? Journal { get; init; }
}

/// <summary>Connections: all transports together, then by transport ("unix", "tcp", "tls").</summary>
public sealed record DaemonConnections
{
    /// <summary>Open now.</summary>
    public long Current { get; init; }
    /// <summary>Admitted since start.</summary>
    public long Total { get; init; }
    /// <summary>Refused since start (uid, HTTP, failed authentication).</summary>
    public long Rejected { get; init; }
    /// <summary>The same, by transport name.</summary>
    public IReadOnlyDictionary<string, TransportConnections> ByTransport { get; init; } = new Dictionary<string, TransportConnections>();
    /// <summary>Connections each event loop serves now, in loop order (empty with server.event_loops 0).</summary>
    public IReadOnlyList<int> ByEventLoop { get; init; } = [];
}

/// <summary>Connections over one transport.</summary>
public sealed record TransportConnections
{
    /// <summary>Open now.</summary>
    public long Current { get; init; }
    /// <summary>Admitted since start.</summary>
    public long Total { get; init; }
    /// <summary>Refused since start.</summary>
    public long Rejected { get; init; }
}

/// <summary>Requests: totals and each method's figures by wire name.</summary>
public sealed record DaemonRequests
{
    /// <summary>Requests run.</summary>
    public long Total { get; init; }
    /// <summary>Of them, answered with an error.</summary>
    public long Errors { get; init; }
    /// <summary>Figures by method name.</summary>
    public IReadOnlyDictionary<string, MethodLatency> Methods { get; init; } = new Dictionary<string, MethodLatency>();
}

/// <summary>One method's count, errors and latency (from a histogram: percentiles within 19%).</summary>
public sealed record MethodLatency
{
    /// <summary>Runs.</summary>
    public long Count { get; init; }
    /// <summary>Runs answered with an error.</summary>
    public long Errors { get; init; }
    /// <summary>Mean time, ms.</summary>
    public double MeanMs { get; init; }
    /// <summary>Median, ms.</summary>
    public double P50Ms { get; init; }
    /// <summary>95th percentile, ms.</summary>
    public double P95Ms { get; init; }
    /// <summary>99th percentile, ms.</summary>
    public double P99Ms { get; init; }
    /// <summary>Longest, ms.</summary>
    public double MaxMs { get; init; }
}

/// <summary>Voxels written.</summary>
public sealed record DaemonVoxelWrites
{
    /// <summary>Since start.</summary>
    public long WrittenTotal { get; init; }
    /// <summary>Per second, mean over the last <see cref="RateWindowSeconds"/> whole seconds.</summary>
    public double WrittenPerSecond { get; init; }
    /// <summary>The window of the rate, seconds.</summary>
    public int RateWindowSeconds { get; init; }
}

/// <summary>Memory of the process and of the open projects.</summary>
public sealed record DaemonMemory
{
    /// <summary>Resident set size, bytes.</summary>
    public long RssBytes { get; init; }
    /// <summary>Managed heap, bytes.</summary>
    public long GcHeapBytes { get; init; }
    /// <summary>Volumes and undo history of the projects counted, bytes.</summary>
    public long ProjectBytes { get; init; }
    /// <summary>Undo history, bytes.</summary>
    public long UndoBytes { get; init; }
    /// <summary>Caches, bytes.</summary>
    public long CacheBytes { get; init; }
    /// <summary>Voxels in the projects counted.</summary>
    public long Voxels { get; init; }
    /// <summary>Volume bytes per voxel.</summary>
    public double BytesPerVoxel { get; init; }
    /// <summary>Projects in memory that were counted.</summary>
    public int ProjectsCounted { get; init; }
    /// <summary>Projects left out because a long edit held them.</summary>
    public int ProjectsBusy { get; init; }
    /// <summary>Blocks by storage form ("uniform", "sparse", "palette", "dense").</summary>
    public IReadOnlyDictionary<string, BlockMemory> Blocks { get; init; } = new Dictionary<string, BlockMemory>();
    /// <summary>Bytes by cache name.</summary>
    public IReadOnlyDictionary<string, long> Caches { get; init; } = new Dictionary<string, long>();
}

/// <summary>Blocks of one storage form.</summary>
public sealed record BlockMemory
{
    /// <summary>How many.</summary>
    public long Count { get; init; }
    /// <summary>Their bytes.</summary>
    public long Bytes { get; init; }
}

/// <summary>The daemon's garbage collections since start (a gen1 collection counts in gen0 too).</summary>
public sealed record DaemonGc
{
    /// <summary>Collections of generation 0.</summary>
    public long Gen0 { get; init; }
    /// <summary>Collections of generation 1.</summary>
    public long Gen1 { get; init; }
    /// <summary>Full collections.</summary>
    public long Gen2 { get; init; }
    /// <summary>Time every thread was stopped for them, ms.</summary>
    public double PauseTotalMs { get; init; }
    /// <summary>Share of time paused, as the runtime reports it.</summary>
    public double PauseTimePercent { get; init; }
    /// <summary>The pause of the last collection of each kind, ms (0: none yet).</summary>
    public DaemonGcPauses LastPauseMs { get; init; } = new();
}

/// <summary>The last pause of each kind of collection, ms.</summary>
public sealed record DaemonGcPauses
{
    /// <summary>Generation 0 or 1.</summary>
    public double Ephemeral { get; init; }
    /// <summary>A blocking full collection.</summary>
    public double FullBlocking { get; init; }
    /// <summary>A background full collection (the daemon's collector is not concurrent: 0).</summary>
    public double Background { get; init; }
}

/// <summary>Renders since start.</summary>
public sealed record DaemonRenders
{
    /// <summary>How many.</summary>
    public long Count { get; init; }
    /// <summary>Their total time, ms.</summary>
    public double TotalMs { get; init; }
    /// <summary>Median time, ms.</summary>
    public double P50Ms { get; init; }
    /// <summary>Longest, ms.</summary>
    public double MaxMs { get; init; }
}

/// <summary>The write-ahead journal since start.</summary>
public sealed record DaemonJournal
{
    /// <summary>Record bytes written by edits.</summary>
    public long BytesWritten { get; init; }
    /// <summary>Journal files and folders flushed to the disk.</summary>
    public long Fsyncs { get; init; }
    /// <summary>When the last flush ended (ISO 8601, UTC); null before the first.</summary>
    public string? LastFsync { get; init; }
    /// <summary>storage.fsync: "always", "everysec" or "off".</summary>
    public string FsyncPolicy { get; init; } = "";
}
