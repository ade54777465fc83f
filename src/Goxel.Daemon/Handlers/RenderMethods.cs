using System.Text.Json;
using Goxel.Formats;
using Goxel.Protocol;
using Goxel.Render;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterRenders()
    {
        Register("goxel.render_scene", RenderScene);
        Register("goxel.render_image", (p, w) =>
        {
            var encoded = Render(p, RenderParams.Parse(p, -1, -1), RenderParams.Format(p), -1015, "Failed to render image");
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteBase64String("image_data", encoded.Bytes);
            WriteRenderFacts(w, encoded);
            w.WriteEndObject();
        });
        Register("goxel.get_render_info", (p, w) =>
        {
            var path = p.GetString(0, "path") ?? throw RpcException.InvalidParams("Must specify path parameter");
            var record = _archive.Find(path) ?? throw new RpcException(-1020, "Render not found: File not found");
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("render");
            WriteRecord(w, record, withSession: true);
            w.WriteEndObject();
        });
        Register("goxel.cleanup_render", (p, w) =>
        {
            var path = p.GetString(0, "path") ?? throw RpcException.InvalidParams("Must specify path parameter");
            if (!_archive.Remove(path)) throw new RpcException(-1021, "Failed to cleanup render: File not found");
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("message", "Render cleaned up successfully");
            w.WriteEndObject();
        });
        Register("goxel.list_renders", (_, w) =>
        {
            var records = _archive.List();
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("count", records.Count);
            w.WriteNumber("total_size", records.Sum(r => r.Size));
            w.WriteStartArray("renders");
            foreach (var record in records) WriteRecord(w, record, withSession: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Register("goxel.get_render_stats", (_, w) => WriteStats(w, _archive.Stats(), _cache));
    }

    /// <summary>
    /// Spec 3.6, both modes: return_mode "file_path" stores the picture in the render archive and
    /// answers its file object; otherwise it goes to output_path. Without either, the picture
    /// comes back as base64 in "image" (the extension json_rpc_client.py expects).
    /// </summary>
    private void RenderScene(RpcParams p, Utf8JsonWriter w)
    {
        var outputPath = p.GetString(0, "output_path");
        var returnMode = RenderParams.Options(p).GetString("return_mode") ?? p.GetString("return_mode");
        var format = RenderParams.Format(p);
        string? target = null;
        if (returnMode != "file_path" && outputPath is not null)
            target = Files(() => _files.Policy.Resolve(outputPath), -1015, "Failed to render scene");
        var encoded = Render(p, RenderParams.Parse(p, 1, 2), format, -1015, "Failed to render scene");
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        if (returnMode == "file_path")
        {
            RenderRecord record;
            try
            {
                record = _archive.Store(encoded.Bytes, format, p.GetString("session_id"));
            }
            catch (ArgumentException ex) when (ex.ParamName == "sessionId")
            {
                throw RpcException.InvalidParams("Invalid params: 'session_id' may hold only letters, digits, '-' and '_' (at most 64)");
            }
            catch (IOException ex)
            {
                throw RpcException.Internal($"Failed to create render path: {ex.Message}");
            }
            w.WritePropertyName("file");
            WriteRecord(w, record, withSession: false);
        }
        else if (target is not null)
        {
            try
            {
                RenderOutput.Write(target, encoded.Bytes);
            }
            catch (IOException ex)
            {
                throw new RpcException(-1015, $"Failed to render scene: {ex.Message}");
            }
            w.WriteString("output_path", outputPath);
        }
        else w.WriteBase64String("image", encoded.Bytes);
        WriteRenderFacts(w, encoded);
        w.WriteEndObject();
    }

    /// <summary>
    /// Renders a snapshot taken under the project's lock, outside it: edits never wait for a
    /// render. A render still running at daemon.timeout_ms stops and answers the timeout.
    /// </summary>
    private EncodedRender Render(RpcParams p, RenderOptions options, ImageFormat format, int code, string failure)
    {
        var deadline = Deadline();
        var snapshot = Read(Resolve(p, code, failure), project => project.Snapshot());
        var encoded = Timed(p, deadline, token => RenderParams.Invalid(() => _renderer.RenderEncoded(snapshot, options, format, cancellationToken: token)));
        _metrics.Rendered(encoded.RenderTime);
        return encoded;
    }

    private static void WriteRenderFacts(Utf8JsonWriter w, EncodedRender encoded)
    {
        w.WriteNumber("width", encoded.Width);
        w.WriteNumber("height", encoded.Height);
        w.WriteString("format", encoded.Format.Name());
        w.WriteNumber("render_time_ms", Math.Round(encoded.RenderTime.TotalMilliseconds, 3));
    }

    private static void WriteRecord(Utf8JsonWriter w, RenderRecord record, bool withSession)
    {
        w.WriteStartObject();
        w.WriteString("path", record.Path);
        w.WriteNumber("size", record.Size);
        w.WriteString("format", record.Format);
        w.WriteStartObject("dimensions");
        w.WriteNumber("width", record.Width);
        w.WriteNumber("height", record.Height);
        w.WriteEndObject();
        w.WriteString("checksum", record.Checksum);
        w.WriteNumber("created_at", record.CreatedAtUnix);
        w.WriteNumber("expires_at", record.ExpiresAtUnix);
        if (withSession) w.WriteString("session_id", record.SessionId);
        w.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter w, RenderArchiveStats stats, RenderCache cache)
    {
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteStartObject("stats");
        w.WriteNumber("active_renders", stats.ActiveRenders);
        w.WriteNumber("total_renders", stats.TotalRenders);
        w.WriteNumber("total_cleanups", stats.TotalCleanups);
        w.WriteNumber("current_cache_size", stats.CurrentCacheSize);
        w.WriteNumber("max_cache_size", stats.MaxCacheSize);
        WriteDouble(w, "cache_usage_percent", stats.CacheUsagePercent);
        w.WriteNumber("files_cleaned", stats.FilesCleaned);
        w.WriteNumber("bytes_freed", stats.BytesFreed);
        w.WriteNumber("security_violations", stats.SecurityViolations);
        w.WriteBoolean("cleanup_thread_active", stats.CleanupThreadActive);
        WriteTime(w, "last_cleanup", stats.LastCleanup);
        WriteTime(w, "next_cleanup", stats.NextCleanup);
        w.WriteEndObject();
        // Beside the original's "stats": the in-memory render caches (performance.*).
        w.WriteStartObject("cache");
        w.WriteNumber("bytes", cache.Bytes);
        w.WriteNumber("max_bytes", cache.Limits.MaxBytes);
        w.WriteNumber("render_entries", cache.RenderEntries);
        w.WriteNumber("render_hits", cache.RenderHits);
        w.WriteNumber("render_misses", cache.RenderMisses);
        w.WriteNumber("block_entries", cache.BlockEntries);
        w.WriteNumber("block_hits", cache.BlockHits);
        w.WriteNumber("block_misses", cache.BlockMisses);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t) w.WriteNumber(name, t.ToUnixTimeSeconds());
        else w.WriteNull(name);
    }
}
