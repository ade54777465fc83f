namespace Goxel.Daemon.Configuration;

/// <summary>When a journal append reaches the disk (storage.fsync).</summary>
public enum FsyncPolicy
{
    /// <summary>A response leaves only after its record is on disk; concurrent requests share one fsync.</summary>
    Always,

    /// <summary>Journals are flushed to disk once a second (Redis's default): a crash loses at most about a second.</summary>
    EverySecond,

    /// <summary>The kernel decides: a process crash loses nothing, a power cut may lose what the kernel held.</summary>
    Off,
}

/// <summary>
/// The storage section: where projects' journals and snapshots live and how hard the daemon
/// pushes them to disk (docs/durability.md).
/// </summary>
public sealed record StorageSettings
{
    /// <summary>Default checkpoint threshold: 64 MiB of journal.</summary>
    public const long DefaultCheckpointBytes = 64L << 20;

    /// <summary>False runs memory-only (storage.enabled false, or --data-dir "").</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The data directory, or null for <see cref="DefaultDataDirectory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>When appends reach the disk.</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.EverySecond;

    /// <summary>A project's journal past this many bytes is folded into a snapshot.</summary>
    public long CheckpointBytes { get; init; } = DefaultCheckpointBytes;

    /// <summary>Seconds between write-backs of dirty projects to their own files; 0 turns autosave off.</summary>
    public int AutosaveSeconds { get; init; }

    /// <summary>The data directory in effect: the configured one, else $XDG_STATE_HOME/goxel-daemon, else ~/.local/state/goxel-daemon.</summary>
    public string ResolvedDataDirectory => DataDirectory ?? DefaultDataDirectory();

    /// <summary>$XDG_STATE_HOME/goxel-daemon, else ~/.local/state/goxel-daemon.</summary>
    public static string DefaultDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
            return Path.Combine(state, "goxel-daemon");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "goxel-daemon");
    }

    /// <summary>Parses a policy name: always, everysec or off.</summary>
    public static FsyncPolicy ParseFsync(string value) => value switch
    {
        "always" => FsyncPolicy.Always,
        "everysec" => FsyncPolicy.EverySecond,
        "off" => FsyncPolicy.Off,
        _ => throw new FormatException($"expected always, everysec or off, got \"{value}\""),
    };

    /// <summary>The policy's name as the config file spells it.</summary>
    public static string Name(FsyncPolicy policy) => policy switch
    {
        FsyncPolicy.Always => "always",
        FsyncPolicy.EverySecond => "everysec",
        _ => "off",
    };
}
