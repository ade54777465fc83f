using Goxel.Core;

namespace Goxel.Formats;

/// <summary>
/// The volume flattening exporters write: the visible layers merged bottom-up with OVER, each
/// layer's blend mode ignored (upstream's rule for vox, obj, ply, txt, png slices, kvx, vxl).
/// </summary>
public static class Flattening
{
    /// <summary>
    /// The merged visible layers. A single visible layer is returned as is (callers only read),
    /// so exporting a one-layer snapshot copies nothing.
    /// </summary>
    public static Volume VisibleLayers(Project project)
    {
        var visible = project.Layers.Where(l => l.Visible).ToList();
        if (visible.Count == 1) return visible[0].Volume;
        var merged = new Volume();
        foreach (var layer in visible)
            foreach (var voxel in layer.Volume)
            {
                var below = merged.Get(voxel.Position);
                merged.Set(voxel.Position, below.IsEmpty ? voxel.Color : ColorBlend.Over(below, voxel.Color));
            }
        return merged;
    }
}
