using System.Buffers.Binary;
using System.Diagnostics;
using Goxel.Core;

namespace Goxel.Formats.Tests;

/// <summary>Truncated, bit-flipped and lying files: errors naming the file, never a crash or a hang.</summary>
public sealed class CorruptInputTests
{
    public static TheoryData<string> ReadableFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.All().Order())
            if (FormatRegistry.FindByExtension(name, forWriting: false) is { CanRead: true }) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReadableFixtures))]
    public void TruncationsGiveErrors(string name)
    {
        var data = File.ReadAllBytes(Fixtures.PathOf(name));
        var format = FormatRegistry.FindByExtension(name, forWriting: false)!;
        var chunkEnds = format.Name == "gox" ? GoxChunkEnds(data) : [];
        var offsets = data.Length <= 3000
            ? Enumerable.Range(0, data.Length)
            : Enumerable.Range(0, 600).Concat(Enumerable.Range(0, 400).Select(i => (int)((long)data.Length * i / 400))).Distinct();
        var loaded = 0;
        foreach (var length in offsets)
        {
            var outcome = TryRead(format, data[..length], name);
            if (outcome is null)
            {
                // A .gox cut exactly between chunks is a valid, shorter file.
                Assert.True(chunkEnds.Contains(length), $"{name} cut at {length} loaded without error");
                loaded++;
            }
            else
            {
                Assert.Contains(name, outcome.Message);
            }
        }
        Assert.True(loaded <= chunkEnds.Count);
    }

    [Theory]
    [MemberData(nameof(ReadableFixtures))]
    public void RandomByteFlipsNeverCrash(string name)
    {
        var original = File.ReadAllBytes(Fixtures.PathOf(name));
        var format = FormatRegistry.FindByExtension(name, forWriting: false)!;
        var rng = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var round = 0; round < 300; round++)
        {
            var data = (byte[])original.Clone();
            var flips = rng.Next(1, 9);
            for (var i = 0; i < flips; i++)
            {
                // Half the flips hit the first 64 bytes, where headers and sizes live.
                var at = rng.Next(2) == 0 ? rng.Next(Math.Min(64, data.Length)) : rng.Next(data.Length);
                data[at] = (byte)rng.Next(256);
            }
            TryRead(format, data, name);
        }
    }

    [Fact]
    public void EmptyAndWrongMagicFilesNameTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("goxel-corrupt-");
        try
        {
            var files = new ProjectFiles(new PathPolicy(folder.FullName));
            File.WriteAllBytes(Path.Combine(folder.FullName, "empty.gox"), []);
            File.WriteAllBytes(Path.Combine(folder.FullName, "wrong.gox"), "NOPE and some more bytes"u8.ToArray());
            File.WriteAllBytes(Path.Combine(folder.FullName, "wrong.vox"), "NOPE and some more bytes"u8.ToArray());
            foreach (var name in new[] { "empty.gox", "wrong.gox", "wrong.vox", "missing.gox" })
            {
                var e = Assert.Throws<VoxelFileException>(() => files.Load(name));
                Assert.Contains(name, e.Message);
            }
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void HugeDeclaredSizesAreRefusedBeforeAllocating()
    {
        var cases = new List<(string Format, byte[] Data)>
        {
            ("gox", Concat(A("GOX "), Int(2), A("LAYR"), Int(int.MaxValue), Int(0))),
            ("gox", Concat(A("GOX "), Int(2), A("LAYR"), Int(8), Int(100_000_000), Int(0), Int(0))),
            ("gox", Concat(A("GOX "), Int(2), A("BL16"), Int(24), PngHeader(1 << 30, 1 << 30), Int(0))),
            ("vox", Concat(A("VOX "), Int(150), A("MAIN"), Int(0), Int(24), A("SIZE"), Int(12), Int(0), Int(100_000), Int(100_000), Int(100_000))),
            ("vox", Concat(A("VOX "), Int(150), A("MAIN"), Int(0), Int(int.MaxValue))),
            ("vox", Concat(A("VOX "), Int(150), A("MAIN"), Int(0), Int(40), A("SIZE"), Int(12), Int(0), Int(2), Int(2), Int(2), A("XYZI"), Int(4), Int(0), Int(int.MaxValue))),
            ("qubicle", Concat(Int(0x101), Int(0), Int(1), Int(0), Int(0), Int(1), [1, (byte)'a'], Int(-1), Int(-1), Int(-1), Int(0), Int(0), Int(0))),
            ("qubicle", Concat(Int(0x101), Int(0), Int(1), Int(0), Int(0), Int(int.MaxValue))),
            ("kvx", Concat(Int(100), Int(int.MaxValue), Int(int.MaxValue), Int(200), Int(0), Int(0), Int(0), new byte[800])),
            ("kvx", Concat(Int(100), Int(16384), Int(16383), Int(1), Int(0), Int(0), Int(0), new byte[900])),
        };
        foreach (var (formatName, data) in cases)
        {
            var format = FormatRegistry.FindByName(formatName)!;
            var sw = Stopwatch.StartNew();
            var e = TryRead(format, data, "lying." + formatName);
            Assert.NotNull(e);
            Assert.Contains("lying." + formatName, e.Message);
            Assert.True(sw.ElapsedMilliseconds < 2000, $"{formatName} case took {sw.ElapsedMilliseconds} ms");
        }
    }

    [Fact]
    public void SmallFilesThatBuildHugeVolumesAreRefused()
    {
        // 70,000 voxels 16 cells apart: 1.5 MB of text asking for 70,000 blocks (1.1 GiB).
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 70_000; i++) text.Append(16 * (i % 300)).Append(' ').Append(16 * (i / 300)).Append(" 0 ffffff\n");
        var e = TryRead(FormatRegistry.FindByName("txt")!, System.Text.Encoding.ASCII.GetBytes(text.ToString()), "bomb.txt");
        Assert.NotNull(e);
        Assert.Contains("blocks", e.Message);

        // 20,000 empty layers in 320 KB.
        var layers = new List<byte[]> { A("GOX "), Int(2) };
        for (var i = 0; i < 20_000; i++) layers.AddRange([A("LAYR"), Int(4), Int(0), Int(0)]);
        var manyLayers = TryRead(FormatRegistry.FindByName("gox")!, Concat([.. layers]), "layers.gox");
        Assert.NotNull(manyLayers);
        Assert.Contains("layers", manyLayers.Message);
    }

    /// <summary>Reads with a time limit; returns the error, or null when the bytes loaded.</summary>
    private static VoxelFileException? TryRead(VoxelFormat format, byte[] data, string name)
    {
        var task = Task.Run(() =>
        {
            try
            {
                format.Read(data, name);
                return null;
            }
            catch (VoxelFileException e)
            {
                return e;
            }
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(20)), $"{name} ({data.Length} bytes) did not finish reading");
        return task.Result; // any other exception type fails the test here
    }

    private static HashSet<int> GoxChunkEnds(byte[] data)
    {
        var ends = new HashSet<int>();
        var pos = 8;
        while (pos + 8 <= data.Length)
        {
            pos += 12 + BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(pos + 4));
            // Only prefixes that still hold a layer load; the reader refuses a file without one.
            ends.Add(pos);
        }
        return ends;
    }

    private static byte[] Int(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] PngHeader(int w, int h)
    {
        var b = new byte[24];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(b, 0);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(16), w);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), h);
        return b;
    }

    private static byte[] A(string tag) => System.Text.Encoding.ASCII.GetBytes(tag);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
