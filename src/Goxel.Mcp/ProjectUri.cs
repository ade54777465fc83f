namespace Goxel.Mcp;

/// <summary>The resource addresses of an open project.</summary>
internal static class ProjectUri
{
    public const string Scheme = "goxel://projects/";

    /// <summary>goxel://projects/{id}: the project's info as JSON.</summary>
    public static string Info(string projectId) => Scheme + projectId;

    /// <summary>goxel://projects/{id}/render: a PNG of the project as it is now.</summary>
    public static string Render(string projectId) => Scheme + projectId + "/render";

    /// <summary>Splits a URI into the project id and whether it names the render; false for foreign URIs.</summary>
    public static bool TryParse(string uri, out string projectId, out bool render)
    {
        projectId = "";
        render = false;
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal)) return false;
        var rest = uri[Scheme.Length..];
        render = rest.EndsWith("/render", StringComparison.Ordinal);
        projectId = render ? rest[..^"/render".Length] : rest;
        return projectId.Length > 0 && !projectId.Contains('/', StringComparison.Ordinal);
    }
}
