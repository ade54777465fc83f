using System.Text.Json;
using Goxel.Core;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Handlers;
using Goxel.Daemon.Projects;
using Goxel.Formats;
using Goxel.Render;
using Microsoft.AspNetCore.Http;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The viewer's JSON and binary API under /api/projects (docs/viewer.md). Reads take a
/// copy-on-write snapshot under the project's gate and do their work outside it, as the RPC
/// renders and exports do, so a page never holds up an edit.
/// </summary>
internal sealed class ProjectApi(ProjectStore projects, CurrentSettings current, RenderCache cache)
{
    /// <summary>Largest render request body accepted.</summary>
    public const int MaxRenderBody = 4096;

    // The downloads the page links to, by extension.
    private static readonly Dictionary<string, string> Downloads = new(StringComparer.Ordinal)
    {
        ["vox"] = "application/octet-stream",
        ["gox"] = "application/octet-stream",
        ["glb"] = "model/gltf-binary",
    };

    /// <summary>GET /api/projects.</summary>
    public Task ListAsync(HttpContext context) => ViewerSite.WriteAsync(context, "application/json", ProjectJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("projects");
        foreach (var open in projects.All.OrderBy(p => p.Id.Length).ThenBy(p => p.Id, StringComparer.Ordinal)) ProjectJson.WriteSummary(w, open);
        w.WriteEndArray();
        w.WriteEndObject();
    }));

    /// <summary>GET /api/projects/{id}.</summary>
    public Task InfoAsync(HttpContext context, OpenProject open)
    {
        var snapshot = Snapshot(open);
        return ViewerSite.WriteAsync(context, "application/json", ProjectJson.Document(w => ProjectJson.WriteProject(w, open.Id, snapshot)));
    }

    /// <summary>GET /api/projects/{id}/blocks: a full snapshot message.</summary>
    public Task BlocksAsync(HttpContext context, OpenProject open)
    {
        var view = ViewState.Of(Snapshot(open));
        return ViewerSite.WriteAsync(context, "application/octet-stream", BlockMessage.Encode(true, view.Version, view.AllBlocks()));
    }

    /// <summary>GET /api/projects/{id}/download.{vox,gox,glb}: the file, written to memory by the format's writer.</summary>
    public Task DownloadAsync(HttpContext context, OpenProject open, string extension)
    {
        if (!Downloads.TryGetValue(extension, out var contentType)) return ViewerSite.StatusAsync(context, StatusCodes.Status404NotFound, "no such download");
        var snapshot = Snapshot(open);
        var name = $"{FileName(snapshot.Name, open.Id)}.{extension}";
        var settings = current.Value;
        byte[] file;
        try
        {
            // The bound of export_model's data form: the file is held in memory whole.
            file = ProjectFiles.ExportToMemory(snapshot, name, extension, ExportOptions.Default, settings.Workers,
                settings.MemoryBudgetBytes / 4, "a quarter of limits.memory_mb", context.RequestAborted)[0].Bytes;
        }
        catch (Exception ex) when (ex is VoxelFileException or WorkLimitException)
        {
            return ViewerSite.StatusAsync(context, StatusCodes.Status422UnprocessableEntity, ex.Message);
        }
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return ViewerSite.WriteAsync(context, contentType, file);
    }

    /// <summary>POST /api/projects/{id}/render with {"width":W,"height":H}: a PNG from render_image's renderer, capped by render.max_width/height.</summary>
    public async Task RenderAsync(HttpContext context, OpenProject open)
    {
        var body = new byte[MaxRenderBody];
        var length = 0;
        int read;
        while (length < body.Length && (read = await context.Request.Body.ReadAsync(body.AsMemory(length), context.RequestAborted)) > 0) length += read;
        if (length == body.Length)
        {
            await ViewerSite.StatusAsync(context, StatusCodes.Status413PayloadTooLarge, $"the render request is over {MaxRenderBody} bytes");
            return;
        }
        var views = new SettingsViews(current.Value, cache);
        int width, height;
        try
        {
            using var json = JsonDocument.Parse(body.AsMemory(0, length));
            width = Size(json.RootElement, "width", views.Settings.RenderMaxWidth);
            height = Size(json.RootElement, "height", views.Settings.RenderMaxHeight);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await ViewerSite.StatusAsync(context, StatusCodes.Status400BadRequest, "expected {\"width\":W,\"height\":H} with positive integers");
            return;
        }
        var snapshot = Snapshot(open);
        var encoded = views.Renderer.RenderEncoded(snapshot, new RenderOptions { Width = width, Height = height }, ImageFormat.Png);
        await ViewerSite.WriteAsync(context, "image/png", encoded.Bytes);
    }

    private static int Size(JsonElement root, string name, int max) =>
        root.TryGetProperty(name, out var value) && value.GetInt32() is var size and > 0 ? Math.Min(size, max) : throw new FormatException(name);

    private static Project Snapshot(OpenProject open)
    {
        using (open.Gate.EnterScope()) return open.Project.Snapshot();
    }

    // A file name that survives any browser and header: letters, digits, '-', '_' and '.'.
    private static string FileName(string name, string id)
    {
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.');
        return safe.Length == 0 ? id : safe;
    }
}
