namespace Goxel.Core;

/// <summary>A non-empty cell and its colour.</summary>
public readonly record struct Voxel(Int3 Position, Rgba Color);
