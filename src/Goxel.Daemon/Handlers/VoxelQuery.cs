using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

/// <summary>Which voxels a read looks at: layers, an optional region, an optional colour filter.</summary>
internal sealed class VoxelQuery(IReadOnlyList<Layer> layers, VoxelBox? region, Func<Rgba, bool>? filter)
{
    private readonly VoxelBox? _region = region;
    private readonly Func<Rgba, bool>? _filter = filter;

    /// <summary>The layers read.</summary>
    public IReadOnlyList<Layer> Layers { get; } = layers;

    /// <summary>Every matching voxel with the id of its layer (a struct walk: a region read allocates no iterator).</summary>
    public Enumerator Voxels() => new(this);

    /// <summary>The walk of <see cref="Voxels"/>: layer by layer, each volume's voxels in its own order.</summary>
    public struct Enumerator(VoxelQuery query)
    {
        private int _layer = -1;
        private VoxelEnumerator _voxels;

        /// <summary>The current voxel and the id of its layer.</summary>
        public (int LayerId, Voxel Voxel) Current { get; private set; }

        /// <summary>Advances to the next matching voxel.</summary>
        public bool MoveNext()
        {
            while (true)
            {
                if (_layer >= 0)
                    while (_voxels.MoveNext())
                        if (query._filter is null || query._filter(_voxels.Current.Color))
                        {
                            Current = (query.Layers[_layer].Id, _voxels.Current);
                            return true;
                        }
                if (++_layer == query.Layers.Count) return false;
                var volume = query.Layers[_layer].Volume;
                _voxels = query._region is { } box ? volume.Within(box) : volume.GetEnumerator();
            }
        }

        /// <summary>Enables foreach over the enumerator itself.</summary>
        public readonly Enumerator GetEnumerator() => this;
    }

    /// <summary>
    /// A color_filter [r,g,b(,a)]: RGB must match exactly; alpha too when the filter gives one
    /// other than 0 or 255 (the original's rule).
    /// </summary>
    public static Func<Rgba, bool>? ColorFilter(RpcParams p)
    {
        if (!p.TryGet("color_filter", out var e)) return null;
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() is < 3 or > 4)
            throw RpcException.InvalidParams("Parameter 'color_filter' must be an array of [r,g,b] or [r,g,b,a]");
        var want = Channels(e, "color_filter", 255);
        var alpha = want.A is not (0 or 255);
        return c => c.R == want.R && c.G == want.G && c.B == want.B && (!alpha || c.A == want.A);
    }

    /// <summary>An [r,g,b(,a)] array of integers 0-255; a missing alpha is <paramref name="alpha"/>.</summary>
    public static Rgba Channels(JsonElement e, string name, byte alpha)
    {
        Span<int> v = stackalloc int[4];
        v[3] = alpha;
        for (var i = 0; i < e.GetArrayLength(); i++)
            if (!e[i].TryGetInt32Strict(out v[i]) || v[i] is < 0 or > 255)
                throw RpcException.InvalidParams($"Parameter '{name}' must hold integers 0-255");
        return new Rgba((byte)v[0], (byte)v[1], (byte)v[2], (byte)v[3]);
    }
}
