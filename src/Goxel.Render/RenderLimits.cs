namespace Goxel.Render;

/// <summary>Bounds every render request must respect; the daemon may configure them.</summary>
/// <param name="MaxWidth">Largest accepted width in pixels.</param>
/// <param name="MaxHeight">Largest accepted height in pixels.</param>
/// <param name="MaxThreads">Most threads one render uses; -1 for as many as the thread pool gives.</param>
public sealed record RenderLimits(int MaxWidth = RenderLimits.DefaultMaxDimension, int MaxHeight = RenderLimits.DefaultMaxDimension, int MaxThreads = -1)
{
    /// <summary>Default cap on each side: 8192 pixels.</summary>
    public const int DefaultMaxDimension = 8192;

    /// <summary>The default limits.</summary>
    public static RenderLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when <paramref name="options"/> break a limit.</summary>
    public void Validate(RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Width <= 0 || options.Height <= 0)
            throw new ArgumentException($"Image size must be positive, got {options.Width}x{options.Height}.");
        if (options.Width > MaxWidth || options.Height > MaxHeight)
            throw new ArgumentException($"Image size {options.Width}x{options.Height} exceeds the limit of {MaxWidth}x{MaxHeight}.");
        if (options.Supersampling is not (1 or 2))
            throw new ArgumentException($"Supersampling must be 1 or 2, got {options.Supersampling}.");
        options.Camera?.Validate();
    }
}
