using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterVoxels()
    {
        Register("goxel.add_voxel", (p, w) =>
        {
            // A bad colour is refused before the project is looked up (clients rely on -32602 for it);
            // a missing position after, so a request without a project says so first.
            var color = VoxelParams.Color(p);
            var open = Resolve(p, -1004, "Failed to add voxel");
            var position = VoxelParams.Position(p);
            var layerId = p.GetInt(7, "layer_id", 0);
            // The original fell back to the active layer for an unknown id; now it is refused,
            // and the reply says which layer was written.
            var written = Edit(open, (position, color, layerId, "Failed to add voxel"), SetOne);
            _metrics.VoxelsWritten(1);
            var result = new VoxelResult(stackalloc byte[VoxelResult.MaxBytes]);
            result.Success();
            result.Position(position);
            result.LayerId(written);
            result.Color(color);
            result.WriteTo(w);
        });
        Register("goxel.remove_voxel", (p, w) =>
        {
            var open = Resolve(p, -1005, "Failed to remove voxel");
            var position = VoxelParams.Position(p);
            var layerId = p.GetInt(3, "layer_id", 0);
            var written = Edit(open, (position, Rgba.Empty, layerId, "Failed to remove voxel"), SetOne);
            _metrics.VoxelsWritten(1);
            var result = new VoxelResult(stackalloc byte[VoxelResult.MaxBytes]);
            result.Success();
            result.Position(position);
            result.LayerId(written);
            result.WriteTo(w);
        });
        Register("goxel.get_voxel", (p, w) =>
        {
            var open = Resolve(p, -1006, "Failed to get voxel");
            var position = VoxelParams.Position(p);
            var layerId = p.GetInt(3, "layer_id", 0);
            var color = Read(open, (position, layerId), static (project, at) =>
                LayerParams.One(project, at.layerId, "Failed to get voxel").Volume.Get(at.position));
            var result = new VoxelResult(stackalloc byte[VoxelResult.MaxBytes]);
            result.Position(position);
            result.Exists(!color.IsEmpty);
            result.Color(color);
            result.WriteTo(w);
        });
        Register("add_voxels", AddVoxels);
        Register("goxel.add_voxel_batch", (p, w) =>
        {
            var batch = VoxelBatch.Parse(p, strict: true);
            var layerId = p.GetInt("layer_id", 0);
            var progress = Progress(p);
            var deadline = Deadline();
            Edit(Resolve(p, -1004, "Failed to add voxels"), project =>
                WriteInChunks(batch, LayerParams.One(project, layerId, "Failed to add voxels").Volume, deadline, progress));
            _metrics.VoxelsWritten(batch.Count);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteNumber("count", batch.Count);
            w.WriteEndObject();
        });
    }

    /// <summary>add_voxel and remove_voxel: one cell of a layer (0: the active one) set; the id of the layer written.</summary>
    private static int SetOne(Project project, (Int3 Position, Rgba Color, int LayerId, string Failure) cell)
    {
        var layer = LayerParams.One(project, Math.Max(cell.LayerId, 0), cell.Failure);
        layer.Volume.Set(cell.Position, cell.Color);
        return layer.Id;
    }

    /// <summary>"progress": true asks for progress notifications (<see cref="RequestProgress"/>); otherwise none are sent.</summary>
    private static RequestProgress Progress(RpcParams p) => p.GetBool("progress", false) ? p.Progress : default;

    /// <summary>
    /// Writes a batch in chunks of performance.voxel_batch_size voxels: before each the request's
    /// deadline is checked (a huge batch stops at daemon.timeout_ms and is rolled back), after
    /// each the progress is reported when the client asked for it.
    /// </summary>
    private void WriteInChunks(VoxelBatch batch, Volume volume, WorkDeadline deadline, RequestProgress progress)
    {
        var chunk = _settings.VoxelBatchSize;
        for (var done = 0; done < batch.Count;)
        {
            deadline.ThrowIfPassed();
            var count = Math.Min(chunk, batch.Count - done);
            batch.WriteTo(volume, done, count);
            done += count;
            progress.Report(done, batch.Count);
        }
    }

    /// <summary>
    /// The original's batch add: items {x,y,z,r,g,b[,a]} of JSON integers with channels 0-255
    /// (and the other voxel forms); items that do not fit are counted as failed, the rest written
    /// to the active layer.
    /// </summary>
    private void AddVoxels(RpcParams p, Utf8JsonWriter w)
    {
        var batch = VoxelBatch.Parse(p, strict: false);
        var progress = Progress(p);
        var deadline = Deadline();
        Edit(Resolve(p, RpcErrorCode.InternalError, "Failed to add voxels"), project => WriteInChunks(batch, project.ActiveLayer.Volume, deadline, progress));
        _metrics.VoxelsWritten(batch.Count);
        w.WriteStartObject();
        w.WriteBoolean("success", batch.Failed == 0);
        w.WriteNumber("added", batch.Count);
        w.WriteNumber("failed", batch.Failed);
        w.WriteEndObject();
    }
}
