namespace Goxel.Core;

/// <summary>One layer's place in a layout: the layer and the properties undo restores.</summary>
public readonly record struct LayerEntry(Layer Layer, string Name, bool Visible);

/// <summary>Everything about a project except voxel contents: what undo swaps besides blocks.</summary>
public sealed record ProjectLayout(string Name, IReadOnlyList<LayerEntry> Layers, Layer Active, VoxelBox ImageBox)
{
    /// <summary>True when <paramref name="project"/> still has this layout (compared without copying it).</summary>
    public bool Matches(Project project)
    {
        if (Name != project.Name || !ReferenceEquals(Active, project.ActiveLayer) || ImageBox != project.ImageBox || Layers.Count != project.Layers.Count)
            return false;
        for (var i = 0; i < Layers.Count; i++)
        {
            var (layer, name, visible) = Layers[i];
            var current = project.Layers[i];
            if (!ReferenceEquals(layer, current) || name != current.Name || visible != current.Visible) return false;
        }
        return true;
    }
}
