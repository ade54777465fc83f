using System.Text.Json;
using Goxel.Core;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Handlers;
using Goxel.Daemon.Http;
using Goxel.Daemon.Projects;
using Goxel.Formats;
using Goxel.Render;

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
    public Task ListAsync(HttpExchange exchange) => exchange.RespondAsync(200, "application/json", ProjectJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("projects");
        foreach (var open in projects.All.OrderBy(p => p.Id.Length).ThenBy(p => p.Id, StringComparer.Ordinal)) ProjectJson.WriteSummary(w, open);
        w.WriteEndArray();
        w.WriteEndObject();
    }));

    /// <summary>GET /api/projects/{id}.</summary>
    public Task InfoAsync(HttpExchange exchange, OpenProject open)
    {
        var snapshot = Snapshot(open);
        return exchange.RespondAsync(200, "application/json", ProjectJson.Document(w => ProjectJson.WriteProject(w, open.Id, snapshot)));
    }

    /// <summary>GET /api/projects/{id}/blocks: a full snapshot message.</summary>
    public Task BlocksAsync(HttpExchange exchange, OpenProject open)
    {
        var view = ViewState.Of(Snapshot(open));
        return exchange.RespondAsync(200, "application/octet-stream", BlockMessage.Encode(true, view.Version, view.AllBlocks()));
    }

    /// <summary>GET /api/projects/{id}/download.{vox,gox,glb}: the file, written to memory by the format's writer.</summary>
    public Task DownloadAsync(HttpExchange exchange, OpenProject open, string extension)
    {
        if (!Downloads.TryGetValue(extension, out var contentType)) return exchange.RespondAsync(404, "no such download");
        var snapshot = Snapshot(open);
        var name = $"{FileName(snapshot.Name, open.Id)}.{extension}";
        var settings = current.Value;
        byte[] file;
        try
        {
            // The bound of export_model's data form: the file is held in memory whole.
            file = ProjectFiles.ExportToMemory(snapshot, name, extension, ExportOptions.Default, settings.Workers,
                settings.MemoryBudgetBytes / 4, "a quarter of limits.memory_mb", exchange.Aborted)[0].Bytes;
        }
        catch (Exception ex) when (ex is VoxelFileException or WorkLimitException)
        {
            return exchange.RespondAsync(422, ex.Message);
        }
        exchange.AddHeader("Content-Disposition", $"attachment; filename=\"{name}\"");
        return exchange.RespondAsync(200, contentType, file);
    }

    /// <summary>POST /api/projects/{id}/render with {"width":W,"height":H}: a PNG from render_image's renderer, capped by render.max_width/height.</summary>
    public async Task RenderAsync(HttpExchange exchange, OpenProject open)
    {
        if (await exchange.ReadBodyAsync(MaxRenderBody) is not { } body)
        {
            await exchange.RespondAsync(413, $"the render request is over {MaxRenderBody} bytes");
            return;
        }
        var views = new SettingsViews(current.Value, cache);
        int width, height;
        try
        {
            using var json = JsonDocument.Parse(body);
            width = Size(json.RootElement, "width", views.Settings.RenderMaxWidth);
            height = Size(json.RootElement, "height", views.Settings.RenderMaxHeight);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await exchange.RespondAsync(400, "expected {\"width\":W,\"height\":H} with positive integers");
            return;
        }
        var snapshot = Snapshot(open);
        var encoded = views.Renderer.RenderEncoded(snapshot, new RenderOptions { Width = width, Height = height }, ImageFormat.Png);
        await exchange.RespondAsync(200, "image/png", encoded.Bytes);
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
