using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterQueries()
    {
        Register("goxel.get_bounding_box", (p, w) =>
        {
            var layerId = p.GetInt("layer_id", LayerParams.Active);
            var open = Resolve(p, RpcErrorCode.InternalError, "Failed to get bounding box");
            var box = Read(open, project => Project.Bounds(LayerParams.Select(project, layerId, "Failed to get bounding box")));
            w.WriteStartObject();
            w.WriteBoolean("empty", box is null);
            if (box is { } b)
            {
                w.WriteInt3("min", b.Min);
                w.WriteInt3("max", b.Max);
                // 64-bit: a box over a loaded file's whole range is wider than int32 holds.
                w.WriteStartArray("dimensions");
                w.WriteNumberValue((long)b.Max.X - b.Min.X + 1);
                w.WriteNumberValue((long)b.Max.Y - b.Min.Y + 1);
                w.WriteNumberValue((long)b.Max.Z - b.Min.Z + 1);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }
}
