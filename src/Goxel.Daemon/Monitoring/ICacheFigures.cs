namespace Goxel.Daemon.Monitoring;

/// <summary>A cache that reports its size to the metrics (render and block caches register one).</summary>
public interface ICacheFigures
{
    /// <summary>The cache's name in reports, for example "render".</summary>
    string Name { get; }

    /// <summary>Bytes it holds now; read from any thread, so it must be cheap and thread-safe.</summary>
    long Bytes { get; }
}
