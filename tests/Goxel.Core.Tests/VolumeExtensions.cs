using Goxel.Core;

namespace Goxel.Core.Tests;

internal static class VolumeExtensions
{
    public static IEnumerable<Voxel> Cast(this Volume volume)
    {
        var list = new List<Voxel>();
        foreach (var voxel in volume) list.Add(voxel);
        return list;
    }
}
