namespace Goxel.Render;

/// <summary>
/// The occlusion mask of the last face a tile's rays hit: neighbouring pixels usually see the same
/// face, so its eight neighbour lookups are done once per face instead of once per pixel.
/// </summary>
internal struct OcclusionCache
{
    private int _x, _y, _z, _face, _mask;
    private bool _valid;

    public int MaskFor(SceneGrid grid, in Hit hit)
    {
        var face = hit.Axis * 2 + (hit.Sign > 0 ? 1 : 0);
        if (_valid && hit.X == _x && hit.Y == _y && hit.Z == _z && face == _face) return _mask;
        _x = hit.X;
        _y = hit.Y;
        _z = hit.Z;
        _face = face;
        _mask = Occlusion.Mask(grid, hit.X, hit.Y, hit.Z, hit.Axis, hit.Sign);
        _valid = true;
        return _mask;
    }
}
