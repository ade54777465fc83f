using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Goxel.Bench;

/// <summary>
/// `reads SOCKET`: fills a project with a 100x100x100 cube of 1,000,000 voxels (a colour
/// gradient, written in packed batches), then reads it back whole with get_voxels_region as
/// JSON and packed, five times each, and prints the response bytes and the median time of each
/// (compressed or not is the daemon's daemon.enable_compression).
/// </summary>
internal static class ReadBench
{
    private const int Side = 100;

    public static void Run(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var buffer = new byte[1 << 20];
        Call(socket, buffer, "{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":{\"name\":\"reads\"},\"id\":1}\n");
        for (var z = 0; z < Side; z++) Call(socket, buffer, Slice(z));
        foreach (var encoding in new[] { "json", "packed" })
        {
            var request = "{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxels_region\",\"params\":{\"min\":[0,0,0],\"max\":[99,99,99],\"limit\":0,\"encoding\":\"" + encoding + "\"},\"id\":2}\n";
            var times = new List<double>();
            long bytes = 0;
            for (var run = 0; run < 5; run++)
            {
                var clock = Stopwatch.StartNew();
                bytes = Call(socket, buffer, request);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"encoding={encoding} bytes={bytes} median_ms={times[2]:F0}");
        }
    }

    /// <summary>One z slice of the cube as a packed add_voxel_batch.</summary>
    private static string Slice(int z)
    {
        var positions = new byte[Side * Side * 12];
        var colors = new byte[Side * Side * 4];
        for (var i = 0; i < Side * Side; i++)
        {
            int x = i % Side, y = i / Side;
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12), x);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 4), y);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 8), z);
            colors[i * 4] = (byte)(x * 2);
            colors[i * 4 + 1] = (byte)(y * 2);
            colors[i * 4 + 2] = (byte)(z * 2);
            colors[i * 4 + 3] = 255;
        }
        return $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel_batch\",\"params\":{{\"positions\":\"{Convert.ToBase64String(positions)}\",\"colors\":\"{Convert.ToBase64String(colors)}\"}},\"id\":3}}\n";
    }

    /// <summary>Sends a request and reads its response line; returns the line's length in bytes.</summary>
    private static long Call(Socket socket, byte[] buffer, string request)
    {
        var bytes = Encoding.UTF8.GetBytes(request);
        for (var sent = 0; sent < bytes.Length;) sent += socket.Send(bytes.AsSpan(sent));
        long length = 0;
        while (true)
        {
            var n = socket.Receive(buffer);
            if (n == 0) throw new EndOfStreamException("server closed the connection");
            var newline = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                // A response is one line and nothing was pipelined behind it.
                return length + newline;
            }
            length += n;
        }
    }
}
