using System.Buffers;
using System.Text;
using System.Text.Json;
using Goxel.Core;
using Goxel.Daemon.Handlers;

namespace Goxel.Daemon.Tests;

/// <summary>
/// The one-voxel results are written by hand (Handlers.VoxelResult): they must be the bytes
/// Utf8JsonWriter wrote for the same members, for every int a position or layer id can be and
/// every channel value.
/// </summary>
public sealed class VoxelResultTests
{
    private static readonly int[] Numbers =
    [
        0, 1, -1, 9, 10, -10, 99, 100, 255, 256, 999, 1000, 4095, -4096, 65536, 123456789, 999999999, 1000000000, -1000000000,
        int.MaxValue, int.MinValue, int.MinValue + 1, int.MaxValue - 1,
    ];

    [Fact]
    public void HandWrittenResultsAreTheWritersBytes()
    {
        var random = new Random(11);
        var cases = 0;
        foreach (var x in Numbers)
        {
            var position = new Int3(x, Numbers[random.Next(Numbers.Length)], random.Next(int.MinValue, int.MaxValue));
            var layer = Numbers[random.Next(Numbers.Length)];
            var color = new Rgba((byte)random.Next(256), (byte)x, (byte)(x >> 8), (byte)random.Next(256));
            Assert.Equal(Expected(position, layer, color, "add"), Written(position, layer, color, "add"));
            Assert.Equal(Expected(position, layer, color, "remove"), Written(position, layer, color, "remove"));
            Assert.Equal(Expected(position, layer, color, "get"), Written(position, layer, color, "get"));
            Assert.Equal(Expected(position, layer, Rgba.Empty, "get"), Written(position, layer, Rgba.Empty, "get"));
            cases += 4;
        }
        for (var channel = 0; channel < 256; channel++)
        {
            var color = new Rgba((byte)channel, (byte)(255 - channel), (byte)(channel * 7), (byte)channel);
            Assert.Equal(Expected(new Int3(channel, -channel, 0), 1, color, "add"), Written(new Int3(channel, -channel, 0), 1, color, "add"));
            cases++;
        }
        Assert.Equal(Numbers.Length * 4 + 256, cases);
    }

    // What add_voxel, remove_voxel and get_voxel wrote with the writer before.
    private static string Expected(Int3 p, int layer, Rgba c, string method)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (method != "get") w.WriteBoolean("success", true);
            w.WriteNumber("x", p.X);
            w.WriteNumber("y", p.Y);
            w.WriteNumber("z", p.Z);
            if (method == "get") w.WriteBoolean("exists", !c.IsEmpty);
            else w.WriteNumber("layer_id", layer);
            if (method != "remove")
            {
                w.WriteStartArray("color");
                foreach (var channel in new[] { c.R, c.G, c.B, c.A }) w.WriteNumberValue(channel);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Written(Int3 p, int layer, Rgba c, string method)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var result = new VoxelResult(stackalloc byte[VoxelResult.MaxBytes]);
            if (method != "get") result.Success();
            result.Position(p);
            if (method == "get") result.Exists(!c.IsEmpty);
            else result.LayerId(layer);
            if (method != "remove") result.Color(c);
            result.WriteTo(w);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
