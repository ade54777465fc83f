namespace Goxel.Client;

/// <summary>Result of <c>version</c>.</summary>
public sealed record VersionInfo
{
    /// <summary>Daemon version.</summary>
    public string Version { get; init; } = "";
    /// <summary>Always "daemon".</summary>
    public string Type { get; init; } = "";
    /// <summary>"JSON-RPC 2.0".</summary>
    public string Protocol { get; init; } = "";
}

/// <summary>Result of <c>ping</c>.</summary>
public sealed record PingResult
{
    /// <summary>Always true.</summary>
    public bool Pong { get; init; }
    /// <summary>Daemon clock, Unix seconds.</summary>
    public long Timestamp { get; init; }
}

/// <summary>Result of <c>status</c>: the daemon process.</summary>
public sealed record DaemonStatus
{
    /// <summary>"running".</summary>
    public string Status { get; init; } = "";
    /// <summary>Process id.</summary>
    public int Pid { get; init; }
    /// <summary>Local time, "YYYY-MM-DD HH:MM:SS".</summary>
    public string CurrentTime { get; init; } = "";
    /// <summary>Host name, when known.</summary>
    public string? Hostname { get; init; }
    /// <summary>Methods the daemon lists.</summary>
    public int MethodsAvailable { get; init; }
    /// <summary>Managed memory in use, bytes.</summary>
    public long MemoryAllocated { get; init; }
    /// <summary>Seconds since start.</summary>
    public long UptimeSeconds { get; init; }
    /// <summary>Resident set size, bytes.</summary>
    public long? RssBytes { get; init; }
    /// <summary>Open projects.</summary>
    public int? ProjectCount { get; init; }
    /// <summary>The daemon's performance.voxel_batch_size: a good <c>BatchOptimizer</c> batch size, and its progress unit.</summary>
    public int? VoxelBatchSize { get; init; }
}

/// <summary>Result of <c>list_methods</c>.</summary>
public sealed record MethodList
{
    /// <summary>Number of methods.</summary>
    public int Count { get; init; }
    /// <summary>Name and description of each.</summary>
    public IReadOnlyList<MethodDescription> Methods { get; init; } = [];
}

/// <summary>One entry of <see cref="MethodList"/>.</summary>
public sealed record MethodDescription
{
    /// <summary>Wire name.</summary>
    public string Method { get; init; } = "";
    /// <summary>What it does.</summary>
    public string Description { get; init; } = "";
}
