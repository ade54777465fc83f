namespace Goxel.Core;

/// <summary>A signed integer position: a voxel cell, or a block coordinate.</summary>
public readonly record struct Int3(int X, int Y, int Z)
{
    /// <summary>Component-wise minimum.</summary>
    public static Int3 Min(Int3 a, Int3 b) => new(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Min(a.Z, b.Z));

    /// <summary>Component-wise maximum.</summary>
    public static Int3 Max(Int3 a, Int3 b) => new(Math.Max(a.X, b.X), Math.Max(a.Y, b.Y), Math.Max(a.Z, b.Z));

    /// <inheritdoc/>
    public override int GetHashCode() => (X * 73856093) ^ (Y * 19349663) ^ (Z * 83492791);

    /// <inheritdoc/>
    public bool Equals(Int3 other) => X == other.X && Y == other.Y && Z == other.Z;

    /// <inheritdoc/>
    public override string ToString() => $"({X}, {Y}, {Z})";
}
