namespace Goxel.Core;

/// <summary>One layer's place in a layout: the layer and the properties undo restores.</summary>
public readonly record struct LayerEntry(Layer Layer, string Name, bool Visible);

/// <summary>Everything about a project except voxel contents: what undo swaps besides blocks.</summary>
public sealed record ProjectLayout(string Name, IReadOnlyList<LayerEntry> Layers, Layer Active, VoxelBox ImageBox)
{
    /// <inheritdoc/>
    public bool Equals(ProjectLayout? other) =>
        other is not null && Name == other.Name && ReferenceEquals(Active, other.Active) && ImageBox == other.ImageBox
        && Layers.SequenceEqual(other.Layers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Layers.Count, Active.Id, ImageBox);
}
