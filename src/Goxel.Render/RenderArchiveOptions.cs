using System.Globalization;

namespace Goxel.Render;

/// <summary>
/// Where rendered files are kept and for how long. The daemon fills this from its configuration;
/// <see cref="FromEnvironment"/> reads the original's four GOXEL_RENDER_* variables.
/// </summary>
public sealed record RenderArchiveOptions
{
    /// <summary>Default directory: {temp}/goxel_renders (/tmp/goxel_renders on Linux).</summary>
    public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "goxel_renders");

    /// <summary>Folder the files are written to; created with mode 0700 when missing.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>How long a file lives before cleanup deletes it (GOXEL_RENDER_TTL, default 3600 s).</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Cap on the total bytes of registered files; the oldest go first (GOXEL_RENDER_MAX_SIZE, default 1 GiB).</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>How often expired files are swept (GOXEL_RENDER_CLEANUP_INTERVAL, default 300 s); zero disables the sweep.</summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Delete every registered file when the archive is disposed, as the original does at shutdown.</summary>
    public bool DeleteFilesOnDispose { get; init; } = true;

    /// <summary>
    /// Defaults overridden by GOXEL_RENDER_DIR, GOXEL_RENDER_TTL (seconds), GOXEL_RENDER_MAX_SIZE
    /// (bytes) and GOXEL_RENDER_CLEANUP_INTERVAL (seconds). Throws <see cref="ArgumentException"/>
    /// naming the variable when a value is not a positive integer.
    /// </summary>
    /// <param name="lookup">Reads a variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public static RenderArchiveOptions FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var options = new RenderArchiveOptions();
        if (lookup("GOXEL_RENDER_DIR") is { Length: > 0 } dir) options = options with { Directory = dir };
        if (Positive(lookup, "GOXEL_RENDER_TTL") is { } ttl) options = options with { TimeToLive = TimeSpan.FromSeconds(ttl) };
        if (Positive(lookup, "GOXEL_RENDER_MAX_SIZE") is { } max) options = options with { MaxBytes = max };
        if (Positive(lookup, "GOXEL_RENDER_CLEANUP_INTERVAL") is { } interval) options = options with { CleanupInterval = TimeSpan.FromSeconds(interval) };
        return options;
    }

    private static long? Positive(Func<string, string?> lookup, string name)
    {
        var text = lookup(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        throw new ArgumentException($"{name} must be a positive integer, got '{text}'.");
    }
}
