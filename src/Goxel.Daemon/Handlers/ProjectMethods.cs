using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const string DefaultProjectName = "New Project";
    private const int DefaultProjectSize = 64;

    private void RegisterProjects()
    {
        Register("goxel.create_project", (p, w) =>
        {
            var name = p.GetString(0, "name") ?? DefaultProjectName;
            // Sizes keep the image box inside the valid coordinates (x and y centred, z from 0).
            var width = Size(p.GetInt(1, "width", DefaultProjectSize, int.MinValue, 2 * Coordinates.Limit + 1));
            var height = Size(p.GetInt(2, "height", DefaultProjectSize, int.MinValue, 2 * Coordinates.Limit + 1));
            var depth = Size(p.GetInt(3, "depth", DefaultProjectSize, int.MinValue, Coordinates.Limit + 1));
            // The image box is centred on x and y and stands on z = 0, as Goxel's default box.
            var min = new Int3(-(width / 2), -(height / 2), 0);
            var project = new Project(name)
            {
                ImageBox = new VoxelBox(min, new Int3(min.X + width - 1, min.Y + height - 1, depth - 1)),
            };
            var open = _projects.Add(project);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("name", name);
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteNumber("depth", depth);
            w.WriteString("project_id", open.Id);
            w.WriteEndObject();
        });
        Register("goxel.get_status", (p, w) =>
        {
            var open = p.GetString("project_id") is { } id ? _projects.Find(id) : _projects.Current;
            w.WriteStartObject();
            w.WriteString("version", Version);
            if (open is null)
            {
                w.WriteNumber("layer_count", 0);
                w.WriteBoolean("read_only", false);
                w.WriteNumber("width", 0);
                w.WriteNumber("height", 0);
                w.WriteNumber("depth", 0);
                w.WriteNull("project_id");
            }
            else
            {
                Read(open, project =>
                {
                    var size = project.ImageBox.Size;
                    w.WriteNumber("layer_count", project.Layers.Count);
                    w.WriteBoolean("read_only", false);
                    w.WriteNumber("width", size.X);
                    w.WriteNumber("height", size.Y);
                    w.WriteNumber("depth", size.Z);
                    w.WriteString("project_id", open.Id);
                    w.WriteString("name", project.Name);
                });
            }
            w.WriteEndObject();
        });
    }

    private void RegisterProjectExtensions()
    {
        Register("goxel.get_project_info", (p, w) =>
        {
            var open = Resolve(p, RpcErrorCode.InternalError, "Failed to get project info");
            Read(open, project =>
            {
                var size = project.ImageBox.Size;
                w.WriteStartObject();
                w.WriteString("project_id", open.Id);
                w.WriteString("name", project.Name);
                w.WriteNumber("layer_count", project.Layers.Count);
                w.WriteNumber("voxel_count", project.VoxelCount);
                w.WritePropertyName("bounding_box");
                if (Project.Bounds(project.Layers) is { } box)
                {
                    w.WriteStartObject();
                    w.WriteInt3("min", box.Min);
                    w.WriteInt3("max", box.Max);
                    w.WriteInt3("dimensions", box.Size);
                    w.WriteEndObject();
                }
                else w.WriteNullValue();
                w.WriteNumber("memory_bytes", project.MemoryBytes);
                w.WriteNumber("undo_bytes", project.History.MemoryBytes);
                w.WriteNumber("active_layer_id", project.ActiveLayer.Id);
                w.WriteNumber("width", size.X);
                w.WriteNumber("height", size.Y);
                w.WriteNumber("depth", size.Z);
                w.WriteNumber("undo_steps", project.History.UndoCount);
                w.WriteNumber("redo_steps", project.History.RedoCount);
                WriteDurability(w, open);
                w.WriteEndObject();
            });
        });
        Register("goxel.list_projects", (_, w) =>
        {
            var current = _projects.Current;
            var projects = _projects.All.OrderBy(o => int.Parse(o.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            w.WriteStartObject();
            w.WriteNumber("count", projects.Count);
            w.WriteStartArray("projects");
            foreach (var open in projects)
            {
                // A project paged out of memory is listed from its summary, not read back.
                var (name, layers, voxels) = Read(open, project => (project.Name, project.Layers.Count, project.VoxelCount), open.Summary);
                w.WriteStartObject();
                w.WriteString("project_id", open.Id);
                w.WriteString("name", name);
                w.WriteBoolean("current", ReferenceEquals(open, current));
                w.WriteNumber("layer_count", layers);
                w.WriteNumber("voxel_count", voxels);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Register("goxel.close_project", (p, w) =>
        {
            var open = Resolve(p, RpcErrorCode.InvalidParams, "Failed to close project");
            _projects.Close(open.Id);
            // The project's memory goes back to the system now, not whenever the heap next fills
            // (closing is rare; a compacting collection of the remaining heap is cheap next to it).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("project_id", open.Id);
            w.WriteEndObject();
        });
        Register("goxel.undo", (p, w) => WriteHistoryMove(p, w, undo: true));
        Register("goxel.redo", (p, w) => WriteHistoryMove(p, w, undo: false));
    }

    private void WriteHistoryMove(RpcParams p, Utf8JsonWriter w, bool undo)
    {
        var open = Resolve(p, RpcErrorCode.InternalError, undo ? "Failed to undo" : "Failed to redo");
        using (open.Gate.EnterScope())
        {
            var project = open.Project;
            var moved = undo ? project.History.Undo(project, open.Journal) : project.History.Redo(project, open.Journal);
            w.WriteStartObject();
            w.WriteBoolean("success", moved);
            if (!moved) w.WriteString("message", undo ? "Nothing to undo" : "Nothing to redo");
            w.WriteNumber("undo_steps", project.History.UndoCount);
            w.WriteNumber("redo_steps", project.History.RedoCount);
            w.WriteEndObject();
        }
    }

    /// <summary>get_project_info's durability block: null when storage is off.</summary>
    private static void WriteDurability(Utf8JsonWriter w, Projects.OpenProject open)
    {
        w.WritePropertyName("durability");
        if (open.Log is not { } log)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteNumber("journal_bytes", log.JournalBytes);
        w.WriteNumber("synced_bytes", log.SyncedBytes);
        WriteTime(w, "last_fsync", log.LastFsync);
        WriteTime(w, "last_checkpoint", log.LastCheckpoint);
        w.WriteString("path", log.JournalPath);
        w.WriteBoolean("dirty", log.Dirty);
        if (log.OwnPath is { } own) w.WriteString("file", own);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTime? time)
    {
        if (time is { } t) w.WriteString(name, t.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    /// <summary>The status method's storage block: where, how, and what the last recovery did.</summary>
    private void WriteStorageStatus(Utf8JsonWriter w)
    {
        w.WritePropertyName("storage");
        if (_projects.Vault is not { } vault)
        {
            w.WriteStartObject();
            w.WriteBoolean("enabled", false);
            w.WriteEndObject();
            return;
        }
        var recovery = vault.Recovery;
        w.WriteStartObject();
        w.WriteBoolean("enabled", true);
        w.WriteString("data_dir", vault.DataPath);
        w.WriteString("fsync", Configuration.StorageSettings.Name(vault.Settings.Fsync));
        w.WriteNumber("projects_in_memory", _projects.All.Count(p => p.IsLoaded));
        w.WriteStartObject("recovery");
        w.WriteNumber("projects", recovery.Projects);
        w.WriteNumber("milliseconds", Math.Round(recovery.Elapsed.TotalMilliseconds, 1));
        w.WriteNumber("cut_bytes", recovery.CutBytes);
        w.WriteStartArray("corrupt_snapshots");
        foreach (var path in recovery.CorruptSnapshots) w.WriteStringValue(path);
        w.WriteEndArray();
        w.WriteStartArray("set_aside");
        foreach (var path in recovery.SetAside) w.WriteStringValue(path);
        w.WriteEndArray();
        w.WriteStartArray("lost");
        foreach (var id in recovery.Lost) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// After a save: the file becomes the project's own (autosave writes there), clean unless
    /// edits committed while it was being written. Then a checkpoint, as the issue asks for on save.
    /// </summary>
    private void SavedAs(Projects.OpenProject open, string path, string format, long changesAtSnapshot)
    {
        if (open.Log is not { } log || _projects.Vault is not { } vault) return;
        try
        {
            using (open.Gate.EnterScope()) vault.SetOwnFile(log, path, format, clean: log.Changes == changesAtSnapshot);
        }
        catch (RpcException)
        {
            // The file is written; only the note that it is the project's own could not be
            // journaled, so the project stays dirty and the save still succeeded.
        }
        if (log.HasEditsSinceSnapshot) ThreadPool.QueueUserWorkItem(_ => vault.Checkpoint(log, open.Gate, () => open.Project));
    }

    private static int Size(int requested) => requested <= 0 ? DefaultProjectSize : requested;
}
