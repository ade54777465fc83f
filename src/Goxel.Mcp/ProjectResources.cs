using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>
/// Each open project as two resources: goxel://projects/{id} (its info as JSON) and
/// goxel://projects/{id}/render (a PNG of it as it is now, isometric, 512x512).
/// </summary>
public sealed class ProjectResources(Workshop workshop)
{
    private const int RenderSide = 512;

    /// <summary>resources/list: the resources of every open project.</summary>
    public async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var projects = await CallAsync("goxel.list_projects", ToolParams.For(null), cancellationToken).ConfigureAwait(false);
        var resources = new List<Resource>();
        foreach (var project in projects.GetProperty("projects").EnumerateArray())
        {
            var id = project.GetProperty("project_id").GetString()!;
            var name = project.GetProperty("name").GetString();
            resources.Add(new Resource
            {
                Uri = ProjectUri.Info(id), Name = $"{name} ({id})", MimeType = "application/json",
                Description = "Project info: size, layers, voxel count, bounding box, undo depth.",
            });
            resources.Add(new Resource
            {
                Uri = ProjectUri.Render(id), Name = $"{name} ({id}) render", MimeType = "image/png",
                Description = $"The project as it is now, isometric, {RenderSide}x{RenderSide}.",
            });
        }
        return new ListResourcesResult { Resources = resources };
    }

    /// <summary>resources/templates/list: the two address forms.</summary>
    public static ValueTask<ListResourceTemplatesResult> TemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourceTemplatesResult
        {
            ResourceTemplates =
            [
                new ResourceTemplate { UriTemplate = ProjectUri.Scheme + "{id}", Name = "Project info", MimeType = "application/json" },
                new ResourceTemplate { UriTemplate = ProjectUri.Scheme + "{id}/render", Name = "Project render", MimeType = "image/png" },
            ],
        });

    /// <summary>resources/read.</summary>
    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? throw new McpProtocolException("resources/read needs a uri", McpErrorCode.InvalidParams);
        if (!ProjectUri.TryParse(uri, out var id, out var render))
            throw new McpProtocolException($"Unknown resource '{uri}': expected {ProjectUri.Scheme}{{id}} or {ProjectUri.Scheme}{{id}}/render",
                McpErrorCode.InvalidParams);
        if (!render)
        {
            var info = await CallAsync("goxel.get_project_info", ToolParams.For(id), cancellationToken).ConfigureAwait(false);
            return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "application/json", Text = info.GetRawText() }] };
        }
        byte[] png;
        try
        {
            png = await ProjectRender.PngAsync(workshop.Engine,
                ToolParams.For(id).With("width", RenderSide).With("height", RenderSide).With("camera_preset", "isometric"), cancellationToken).ConfigureAwait(false);
        }
        catch (VoxelEngineException e)
        {
            throw new McpException($"Rendering {uri} failed: {e.Message}", e);
        }
        return new ReadResourceResult { Contents = [BlobResourceContents.FromBytes(png, uri, "image/png")] };
    }

    /// <summary>resources/subscribe: edits made through this session's tools will send notifications/resources/updated.</summary>
    public ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params?.Uri is { } uri) workshop.Subscriptions.Add(request.Server.SessionId, uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>resources/unsubscribe.</summary>
    public ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params?.Uri is { } uri) workshop.Subscriptions.Remove(request.Server.SessionId, uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    private async Task<JsonElement> CallAsync(string method, System.Text.Json.Nodes.JsonObject parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await workshop.Engine.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (VoxelEngineException e)
        {
            throw new McpException(e.Message, e);
        }
    }
}
