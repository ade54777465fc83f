using System.Collections.Concurrent;

namespace Goxel.Mcp;

/// <summary>
/// The resource URIs each MCP session subscribed to (stdio has one session, keyed ""). An edit
/// made through a session's tools tells that session which of its resources changed.
/// </summary>
public sealed class ProjectSubscriptions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _sessions = new();

    /// <summary>Starts sending updates of <paramref name="uri"/> to <paramref name="session"/>.</summary>
    public void Add(string? session, string uri) => _sessions.GetOrAdd(session ?? "", _ => new()).TryAdd(uri, 0);

    /// <summary>Stops them.</summary>
    public void Remove(string? session, string uri)
    {
        if (_sessions.TryGetValue(session ?? "", out var uris)) uris.TryRemove(uri, out _);
    }

    /// <summary>
    /// The URIs of <paramref name="session"/> an edit of <paramref name="projectId"/> touches; every
    /// project's when the edit named none (it went to the daemon's current project).
    /// </summary>
    public IReadOnlyList<string> Touched(string? session, string? projectId)
    {
        if (!_sessions.TryGetValue(session ?? "", out var uris)) return [];
        if (projectId is null) return [.. uris.Keys];
        var prefix = ProjectUri.Info(projectId);
        return [.. uris.Keys.Where(u => u == prefix || u.StartsWith(prefix + "/", StringComparison.Ordinal))];
    }
}
