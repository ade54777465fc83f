using System.Runtime.CompilerServices;

namespace Goxel.Render;

/// <summary>
/// What is known about the voxel faces a thread's rays hit recently: their occlusion mask and
/// whether the whole face is lit or shadowed, and its lit colour. A face covers many pixels, so its eight neighbour
/// lookups and its shadow test are done once instead of once per pixel. Direct-mapped, one per
/// thread, entries stamped with the render that filled them.
/// </summary>
internal sealed class FaceCache
{
    private const int Size = 1024;

    [ThreadStatic]
    private static FaceCache? t_current;

    private static int s_lastFrame;

    private readonly Entry[] _entries = new Entry[Size];

    /// <summary>This thread's cache.</summary>
    public static FaceCache Current => t_current ??= new FaceCache();

    /// <summary>A stamp no earlier render used.</summary>
    public static int NewFrame() => Interlocked.Increment(ref s_lastFrame);

    /// <summary>The entry for a face, cleared when it held another face or another render's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry For(in Hit hit, int frame)
    {
        var face = hit.Axis * 2 + (hit.Sign > 0 ? 1 : 0);
        var slot = (int)((uint)((hit.X * 73856093) ^ (hit.Y * 19349663) ^ (hit.Z * 83492791) ^ (face * 2654435761u)) % Size);
        ref var entry = ref _entries[slot];
        if (entry.Frame != frame || entry.X != hit.X || entry.Y != hit.Y || entry.Z != hit.Z || entry.Face != face)
            entry = new Entry { X = hit.X, Y = hit.Y, Z = hit.Z, Face = face, Frame = frame, OcclusionMask = -1, Shadow = FaceShadow.Unknown };
        return ref entry;
    }

    /// <summary>One cached face.</summary>
    public struct Entry
    {
        public int X, Y, Z, Face, Frame;

        /// <summary>Occlusion mask, or -1 when not computed yet.</summary>
        public int OcclusionMask;

        public FaceShadow Shadow;

        /// <summary>True once <see cref="R"/>, <see cref="G"/>, <see cref="B"/> hold the face's lit linear colour.</summary>
        public bool HasColor;

        public float R, G, B;
    }
}

/// <summary>How the directional light reaches a whole face.</summary>
internal enum FaceShadow : byte
{
    /// <summary>Not tested yet.</summary>
    Unknown,

    /// <summary>Every corner sees the light: the whole face is lit.</summary>
    Lit,

    /// <summary>No corner sees the light: the whole face is in shadow.</summary>
    Shadowed,

    /// <summary>A shadow edge crosses the face: test each pixel.</summary>
    Mixed,
}
