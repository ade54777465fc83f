namespace Goxel.Formats;

/// <summary>
/// Where the daemon may read and write files: relative paths resolve against
/// <see cref="Workspace"/>; when <see cref="AllowedRoots"/> is not empty, the real path (all
/// symbolic links resolved, "../" collapsed) must lie inside one of them.
/// </summary>
public sealed class PathPolicy
{
    /// <summary>A policy; <paramref name="workspace"/> defaults to the current directory, no roots means no restriction.</summary>
    public PathPolicy(string? workspace = null, IEnumerable<string>? allowedRoots = null)
    {
        Workspace = Path.GetFullPath(workspace ?? Directory.GetCurrentDirectory());
        AllowedRoots = (allowedRoots ?? []).Select(r => RealPath(Path.GetFullPath(r, Workspace))).ToList();
    }

    /// <summary>Anything goes, relative to the current directory.</summary>
    public static PathPolicy Unrestricted { get; } = new();

    /// <summary>The folder relative paths start from.</summary>
    public string Workspace { get; }

    /// <summary>Real paths of the folders files must stay in; empty means anywhere.</summary>
    public IReadOnlyList<string> AllowedRoots { get; }

    /// <summary>
    /// The absolute path to use for <paramref name="path"/>, or a <see cref="VoxelFileException"/>
    /// (kind PathDenied) saying why it is refused.
    /// </summary>
    public string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new VoxelFileException(VoxelFileError.PathDenied, path ?? "", "the path is empty");
        if (path.Contains('\0')) throw new VoxelFileException(VoxelFileError.PathDenied, path.Replace("\0", "\\0"), "the path contains a NUL character");
        var full = Path.GetFullPath(path, Workspace);
        if (AllowedRoots.Count == 0) return full;
        var real = RealPath(full);
        foreach (var root in AllowedRoots)
            if (IsInside(real, root)) return full;
        throw new VoxelFileException(VoxelFileError.PathDenied, path,
            $"the path resolves to '{real}', outside the allowed folders ({string.Join(", ", AllowedRoots)})");
    }

    private static bool IsInside(string path, string root)
    {
        if (path == root) return true;
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    // Resolves symbolic links in every existing component; components that do not exist yet
    // (a file about to be created) are appended as they are.
    private static string RealPath(string full, int depth = 0)
    {
        // Symbolic link cycles (a -> b -> a) must end in an error, not a stack overflow.
        if (depth > 40) throw new VoxelFileException(VoxelFileError.PathDenied, full, "too many levels of symbolic links");
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var hops = 0;
            while (new FileInfo(next) is { LinkTarget: { } target })
            {
                if (++hops > 40) throw new VoxelFileException(VoxelFileError.PathDenied, full, "too many levels of symbolic links");
                next = RealPath(Path.GetFullPath(target, current), depth + 1);
            }
            if (!File.Exists(next) && !Directory.Exists(next))
                return Path.GetFullPath(Path.Combine([next, .. parts[(i + 1)..]]));
            current = next;
        }
        return current;
    }
}
