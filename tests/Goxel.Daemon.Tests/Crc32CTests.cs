using System.Text;
using Goxel.Daemon.Storage;

namespace Goxel.Daemon.Tests;

/// <summary>
/// Every journal record carries a CRC-32C (Storage.Crc32C), written and checked by the same code:
/// a wrong CRC would pass recovery and still not be CRC-32C. Checked here against the check
/// values of RFC 3720 (B.4) and a bitwise CRC of every length a record's tail can have.
/// </summary>
public sealed class Crc32CTests
{
    [Fact]
    public void StandardCheckValues()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void EveryLengthIsTheBitwiseCrc()
    {
        var random = new Random(3720);
        for (var length = 0; length <= 40; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Bitwise(data), Crc32C.Compute(data));
        }
    }

    // The reflected Castagnoli polynomial, one bit at a time.
    private static uint Bitwise(byte[] data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}
