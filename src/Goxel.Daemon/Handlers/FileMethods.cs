using System.Text.Json;
using Goxel.Core;
using Goxel.Formats;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterFiles()
    {
        Register("goxel.load_project", (p, w) =>
        {
            var path = PathParam(p);
            var format = p.GetString("format");
            var project = Files(() => _files.Load(path, format), -1002, $"Failed to load project '{path}'");
            // The file becomes the project's own: autosave writes it back there.
            var open = _projects.Add(project, _files.Policy.Resolve(path), FormatRegistry.Resolve(format, path, forWriting: false).Name);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("path", path);
            w.WriteString("project_id", open.Id);
            w.WriteNumber("layer_count", project.Layers.Count);
            w.WriteNumber("voxel_count", project.VoxelCount);
            w.WriteEndObject();
        });
        Register("goxel.import_file", (p, w) =>
        {
            var path = PathParam(p);
            var loaded = Files(() => _files.Load(path, p.GetString("format")), -1002, $"Failed to import '{path}'");
            var added = Edit(Resolve(p, -1002, $"Failed to import '{path}'"), project => ProjectFiles.Append(project, loaded));
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("path", path);
            w.WriteStartArray("layers");
            foreach (var layer in added)
            {
                w.WriteStartObject();
                w.WriteNumber("id", layer.Id);
                w.WriteString("name", layer.Name);
                w.WriteNumber("voxel_count", layer.Volume.VoxelCount);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Register("goxel.save_project", (p, w) =>
        {
            var path = PathParam(p);
            var format = p.GetString(1, "format");
            var saved = Resolve(p, -1003, $"Failed to save project '{path}'");
            var (snapshot, changes) = Read(saved, project => (project.Snapshot(), saved.Log?.Changes ?? 0));
            // The original always wrote .gox; now the format follows "format" or a known extension.
            var chosen = format ?? (FormatRegistry.FindByExtension(path, forWriting: true) is not null ? null : "gox");
            var written = Files(() => _files.Export(snapshot, path, chosen), -1003, $"Failed to save project '{path}'");
            SavedAs(saved, written, FormatRegistry.Resolve(chosen, path, forWriting: true).Name, changes);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("path", path);
            w.WriteString("format", FormatRegistry.Resolve(chosen, path, forWriting: true).Name);
            w.WriteNumber("bytes", new FileInfo(written).Length);
            w.WriteEndObject();
        });
        Register("goxel.export_model", (p, w) =>
        {
            if (p.GetBool("data", false))
            {
                ExportToData(p, w);
                return;
            }
            var path = PathParam(p);
            var format = p.GetString(1, "format");
            var options = ExportOptionsParam(p);
            var deadline = Deadline();
            var snapshot = Read(Resolve(p, -1007, $"Failed to export model '{path}'"), project => project.Snapshot());
            // The original answers an unknown format with its -1007, not -32602.
            var written = Timed(p, deadline, token =>
                Files(() => _files.Export(snapshot, path, format, options, token), -1007, $"Failed to export model '{path}'", unknownFormatIsCallers: false));
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("path", path);
            if (format is not null) w.WriteString("format", format);
            w.WriteNumber("bytes", new FileInfo(written).Length);
            w.WriteEndObject();
        });
        Register("goxel.list_formats", (_, w) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("formats");
            foreach (var format in FormatRegistry.All)
            {
                w.WriteStartObject();
                w.WriteString("name", format.Name);
                w.WriteString("description", format.Description);
                w.WriteStartArray("extensions");
                foreach (var extension in format.Extensions) w.WriteStringValue(extension);
                w.WriteEndArray();
                w.WriteBoolean("read", format.CanRead);
                w.WriteBoolean("write", format.CanWrite);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// export_model with "data": true: the file comes back in the answer instead of being written
    /// ("data", base64, compressed as <see cref="PackedPayload"/> decides; companions such as an
    /// OBJ's .mtl in "files"). The output may hold a quarter of limits.memory_mb (the answer holds
    /// it again as base64), stops at daemon.timeout_ms, and needs "format" (there is no path).
    /// </summary>
    private void ExportToData(RpcParams p, Utf8JsonWriter w)
    {
        var format = p.GetString(1, "format") ?? throw RpcException.InvalidParams("Invalid params: 'format' is required with \"data\": true");
        var options = ExportOptionsParam(p);
        var deadline = Deadline();
        var snapshot = Read(Resolve(p, -1007, "Failed to export model"), project => project.Snapshot());
        var name = "model" + Files(() => FormatRegistry.Resolve(format, "model", forWriting: true), -1007, "Failed to export model", unknownFormatIsCallers: false).Extensions[0];
        IReadOnlyList<ExportedFile> files;
        try
        {
            files = Timed(p, deadline, token => Files(() => ProjectFiles.ExportToMemory(snapshot, name, format, options, _files.MaxThreads,
                _settings.MemoryBudgetBytes / 4, "a quarter of limits.memory_mb", token), -1007, "Failed to export model"));
        }
        catch (WorkLimitException limit)
        {
            throw OverLimit(limit);
        }
        var compressed = PackedPayload.Compresses(_settings, files.Sum(f => (long)f.Bytes.Length));
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteString("format", format);
        w.WriteString("name", files[0].Name);
        w.WriteNumber("bytes", files[0].Bytes.Length);
        PackedPayload.WriteCompression(w, compressed);
        PackedPayload.Write(w, "data", files[0].Bytes, compressed);
        w.WriteStartArray("files");
        foreach (var companion in files.Skip(1))
        {
            w.WriteStartObject();
            w.WriteString("name", companion.Name);
            w.WriteNumber("bytes", companion.Bytes.Length);
            PackedPayload.Write(w, "data", companion.Bytes, compressed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>"path" (positional 0), or the seed guide's "file_path".</summary>
    private static string PathParam(RpcParams p) =>
        p.GetString(0, "path") ?? p.GetString("file_path") ?? throw RpcException.InvalidParams("Missing required parameter: path");

    private static ExportOptions ExportOptionsParam(RpcParams p) => new()
    {
        Mesh = p.GetString("mesh") switch
        {
            null or "greedy" => MeshStyle.Greedy,
            "cubes" => MeshStyle.Cubes,
            var other => throw RpcException.InvalidParams($"Unknown mesh style '{other}': expected greedy or cubes"),
        },
        ObjColors = p.GetString("obj_colors") switch
        {
            null or "materials" => ObjColors.Materials,
            "vertex" => ObjColors.VertexColors,
            var other => throw RpcException.InvalidParams($"Unknown obj_colors '{other}': expected materials or vertex"),
        },
        YUp = p.TryGet("y_up", out var yUp) && yUp.ValueKind is JsonValueKind.True or JsonValueKind.False ? yUp.GetBoolean() : null,
    };

    /// <summary>
    /// Runs a file operation, turning its errors into RPC errors: a bad format or a refused path
    /// is the caller's mistake (-32602) unless <paramref name="unknownFormatIsCallers"/> is false;
    /// a corrupt file or an I/O failure is the method's own code.
    /// </summary>
    private static T Files<T>(Func<T> operation, int code, string failure, bool unknownFormatIsCallers = true)
    {
        try
        {
            return operation();
        }
        catch (VoxelFileException ex) when (ex.Kind is VoxelFileError.PathDenied || (ex.Kind is VoxelFileError.UnknownFormat && unknownFormatIsCallers))
        {
            throw RpcException.InvalidParams($"{failure}: {ex.Message}");
        }
        catch (VoxelFileException ex)
        {
            throw new RpcException(code, $"{failure}: {ex.Message}");
        }
    }
}
