using System.Net;
using Goxel.Daemon.Http;
using Goxel.Daemon.Network;

namespace Goxel.Daemon.Viewer;

/// <summary>What the access check decided about a request.</summary>
internal enum AccessVerdict
{
    /// <summary>Serve it.</summary>
    Allowed,

    /// <summary>The token came in the query and matched: set the cookie and redirect to the bare path.</summary>
    RedirectWithCookie,

    /// <summary>No valid token (401).</summary>
    Unauthenticated,

    /// <summary>Host or Origin is not this server (403): DNS rebinding or a foreign page.</summary>
    Forbidden,
}

/// <summary>
/// The viewer's access rules (docs/viewer.md): the Host header must name this server (a DNS
/// rebinding page cannot reach it through a name of its own), a request with an Origin must come
/// from a page of this server, and everything needs the daemon's token: once as ?token=, then from
/// the HttpOnly cookie it is exchanged for (or an Authorization: Bearer header).
/// </summary>
internal sealed class ViewerAccess(TcpToken token, IPEndPoint listening)
{
    /// <summary>The cookie that carries the token after the first visit.</summary>
    public const string CookieName = "goxel_token";

    private readonly HashSet<string> _hosts = new(
        [listening.ToString(), $"localhost:{listening.Port}", $"127.0.0.1:{listening.Port}", $"[::1]:{listening.Port}"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Decides about a request.</summary>
    public AccessVerdict Check(HttpRequestHead request)
    {
        var host = request.Field("Host") ?? "";
        if (!_hosts.Contains(host)) return AccessVerdict.Forbidden;
        if (request.Field("Origin") is { } origin && !SameOrigin(origin, host)) return AccessVerdict.Forbidden;
        if (request.Method == "GET" && request.Query("token") is { } offered)
            return token.Matches(offered) ? AccessVerdict.RedirectWithCookie : AccessVerdict.Unauthenticated;
        return Presented(request) is { } presented && token.Matches(presented) ? AccessVerdict.Allowed : AccessVerdict.Unauthenticated;
    }

    /// <summary>The Set-Cookie value that keeps the token for later requests.</summary>
    public string Cookie() => $"{CookieName}={Uri.EscapeDataString(token.Secret!)}; HttpOnly; SameSite=Strict; Path=/";

    private static string? Presented(HttpRequestHead request)
    {
        if (request.Cookie(CookieName) is { } cookie) return Uri.UnescapeDataString(cookie);
        var authorization = request.Field("Authorization") ?? "";
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    // "null" (a sandboxed or file page) and anything unparsable are foreign too. Uri.Host keeps
    // an IPv6 address's brackets, as the Host header has them.
    private static bool SameOrigin(string origin, string host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp &&
        string.Equals($"{uri.Host}:{uri.Port}", host, StringComparison.OrdinalIgnoreCase);
}
