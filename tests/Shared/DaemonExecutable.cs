namespace Goxel.Testing;

/// <summary>Where tests find what scripts/build leaves behind; compiled into every test project that starts processes.</summary>
internal static class DaemonExecutable
{
    /// <summary>$GOXEL_DAEMON, else artifacts/bin/goxel-daemon above the test binary.</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable("GOXEL_DAEMON") is { Length: > 0 } path ? path
            : System.IO.Path.Combine(RepoRoot, "artifacts", "bin", "goxel-daemon") is var built && File.Exists(built) ? built
            : throw new FileNotFoundException("goxel-daemon not found: run scripts/build or set GOXEL_DAEMON");

    /// <summary>The repository checkout the tests run from.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "goxel-daemon.slnx"))) return dir.FullName;
            throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
