using System.Numerics;

namespace Goxel.Core;

/// <summary>A named, optionally hidden volume inside a project.</summary>
public sealed class Layer
{
    /// <summary>A layer holding <paramref name="volume"/>.</summary>
    public Layer(int id, string name, Volume? volume = null)
    {
        Id = id;
        Name = name;
        Volume = volume ?? new Volume();
    }

    /// <summary>Unique positive id inside its project.</summary>
    public int Id { get; }

    /// <summary>Display name.</summary>
    public string Name
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    }

    /// <summary>Hidden layers are left out of renders and flattening exports.</summary>
    public bool Visible
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    } = true;

    /// <summary>The layer's voxels.</summary>
    public Volume Volume { get; private set; }

    /// <summary>
    /// The layer's own colour (upstream Goxel's layer `color`: a shape layer's fill, otherwise a
    /// label the user chose), or null when none was given. Saved in .gox; voxels keep their own colours.
    /// </summary>
    public Rgba? Color
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    }

    /// <summary>The surface material, or null for the renderer's default.</summary>
    public Material? Material { get; set; }

    /// <summary>
    /// Layer origin (Goxel's layer `mat`; only the translation M41..M43 matters for plain layers),
    /// kept so files round-trip; voxels are stored in world coordinates regardless.
    /// </summary>
    public Matrix4x4 Transform { get; set; } = Matrix4x4.Identity;

    /// <summary>The same layer (sharing its volume) under another id, every property kept.</summary>
    public Layer WithId(int id) => new(id, Name, Volume) { Visible = Visible, Color = Color, Material = Material, Transform = Transform };

    /// <summary>A copy whose volume is a snapshot: later edits to either never show in the other.</summary>
    public Layer Snapshot() => new(Id, Name, Volume.Snapshot()) { Visible = Visible, Color = Color, Material = Material, Transform = Transform };
}
