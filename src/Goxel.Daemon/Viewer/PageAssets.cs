using System.Reflection;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The page's files (viewer/dist, built by npm at build time), embedded in the daemon under
/// "viewer/&lt;relative path&gt;", so the binary serves the viewer with nothing beside it.
/// </summary>
internal static class PageAssets
{
    private const string Prefix = "viewer/";

    private static readonly Assembly Source = typeof(PageAssets).Assembly;

    /// <summary>True when the page was built into this binary (index.html is there).</summary>
    public static bool Built => Source.GetManifestResourceInfo(Prefix + "index.html") is not null;

    /// <summary>The file at <paramref name="path"/> (relative, "/" separated), or null.</summary>
    public static Stream? Open(string path) => Source.GetManifestResourceStream(Prefix + path);

    /// <summary>Content type by extension.</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" or ".map" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".wasm" => "application/wasm",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
