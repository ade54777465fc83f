using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const int ActiveLayer = -1;
    private const int AllLayers = -2;

    private void RegisterQueries()
    {
        Register("goxel.get_bounding_box", (p, w) =>
        {
            var layerId = p.GetInt("layer_id", ActiveLayer);
            var open = Resolve(p, RpcErrorCode.InternalError, "Failed to get bounding box");
            VoxelBox? box;
            lock (open.Gate)
            {
                var project = open.Project;
                IEnumerable<Layer> layers = layerId switch
                {
                    AllLayers => project.Layers,
                    ActiveLayer or 0 => [project.ActiveLayer],
                    _ => [project.FindLayer(layerId) ?? throw RpcException.Internal($"Failed to get bounding box: no layer with id {layerId}")],
                };
                box = Project.Bounds(layers);
            }
            w.WriteStartObject();
            w.WriteBoolean("empty", box is null);
            if (box is { } b)
            {
                w.WriteInt3("min", b.Min);
                w.WriteInt3("max", b.Max);
                w.WriteInt3("dimensions", b.Size);
            }
            w.WriteEndObject();
        });
    }
}
