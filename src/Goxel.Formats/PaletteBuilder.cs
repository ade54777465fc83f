using Goxel.Core;

namespace Goxel.Formats;

/// <summary>
/// Reduces a set of colours to an indexed palette for formats that store indices (.vox, .kvx):
/// exact when the colours fit, median cut otherwise, then nearest entry (L1 in RGB) per colour.
/// </summary>
internal sealed class PaletteBuilder
{
    private readonly Dictionary<uint, int> _counts = [];

    /// <summary>Counts one voxel of this colour (alpha is ignored: palettes are opaque).</summary>
    public void Add(Rgba color) => CountColor(color.Packed | 0xFF000000u);

    public int DistinctColors => _counts.Count;

    /// <summary>Builds at most <paramref name="size"/> opaque entries.</summary>
    public Rgba[] Build(int size)
    {
        if (_counts.Count <= size) return _counts.Keys.Order().Select(Rgba.FromPacked).ToArray();
        var boxes = new List<List<(uint Color, int Count)>> { _counts.Select(kv => (kv.Key, kv.Value)).ToList() };
        while (boxes.Count < size)
        {
            // Split the box whose widest channel spans the most, weighted by population.
            var best = -1;
            long bestScore = 0;
            for (var i = 0; i < boxes.Count; i++)
            {
                if (boxes[i].Count < 2) continue;
                var (_, range) = WidestChannel(boxes[i]);
                long score = (long)range * boxes[i].Sum(c => (long)c.Count);
                if (best < 0 || score > bestScore) { best = i; bestScore = score; }
            }
            if (best < 0) break;
            var box = boxes[best];
            var (channel, _) = WidestChannel(box);
            box.Sort((a, b) => Channel(a.Color, channel).CompareTo(Channel(b.Color, channel)));
            var total = box.Sum(c => (long)c.Count);
            long running = 0;
            var cut = 1;
            for (; cut < box.Count - 1; cut++)
            {
                running += box[cut - 1].Count;
                if (running * 2 >= total) break;
            }
            boxes[best] = box[..cut];
            boxes.Add(box[cut..]);
        }
        return boxes.Select(Average).ToArray();
    }

    /// <summary>Index of the entry of <paramref name="palette"/> closest to <paramref name="color"/>.</summary>
    public static int Nearest(ReadOnlySpan<Rgba> palette, Rgba color)
    {
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < palette.Length; i++)
        {
            var d = Math.Abs(palette[i].R - color.R) + Math.Abs(palette[i].G - color.G) + Math.Abs(palette[i].B - color.B);
            if (d < bestDistance) { best = i; bestDistance = d; if (d == 0) break; }
        }
        return best;
    }

    private void CountColor(uint key)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        count++;
    }

    private static int Channel(uint c, int channel) => (int)((c >> (8 * channel)) & 0xFF);

    private static (int Channel, int Range) WidestChannel(List<(uint Color, int Count)> box)
    {
        var bestChannel = 0;
        var bestRange = -1;
        for (var ch = 0; ch < 3; ch++)
        {
            int lo = 255, hi = 0;
            foreach (var (c, _) in box) { var v = Channel(c, ch); lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            if (hi - lo > bestRange) { bestRange = hi - lo; bestChannel = ch; }
        }
        return (bestChannel, bestRange);
    }

    private static Rgba Average(List<(uint Color, int Count)> box)
    {
        long r = 0, g = 0, b = 0, n = 0;
        foreach (var (c, count) in box)
        {
            r += Channel(c, 0) * (long)count; g += Channel(c, 1) * (long)count; b += Channel(c, 2) * (long)count; n += count;
        }
        return new Rgba((byte)((r + n / 2) / n), (byte)((g + n / 2) / n), (byte)((b + n / 2) / n), 255);
    }
}
