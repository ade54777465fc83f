using System.Text;

namespace Goxel.Bench;

/// <summary>
/// What a wire benchmark sends, by server kind. Every server answers each request with one line
/// ending in '\n' (a JSON-RPC response, the echoed request, or RESP's "+OK\r\n" / "+PONG\r\n"),
/// so one client reads them all the same way and only the request bytes differ.
/// </summary>
internal static class WireRequests
{
    /// <summary>Request number <paramref name="i"/> for <paramref name="kind"/>: goxel and echo send add_voxel, redis-set SET, redis-ping PING.</summary>
    public static byte[] For(string kind, int i) => kind switch
    {
        "goxel" or "echo" => AddVoxel(i),
        "redis-set" => Set(i),
        "redis-ping" => "*1\r\n$4\r\nPING\r\n"u8.ToArray(),
        _ => throw new ArgumentException($"unknown server kind {kind} (goxel, echo, redis-set, redis-ping)"),
    };

    /// <summary>add_voxel of cell number <paramref name="i"/>: distinct numbers are distinct cells, so each is a real edit.</summary>
    public static byte[] AddVoxel(int i) => AddVoxelSpaced(i, 1);

    /// <summary>add_voxel of cell number <paramref name="i"/> with every coordinate times <paramref name="spacing"/> (16: each in a block of its own).</summary>
    public static byte[] AddVoxelSpaced(int i, int spacing) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":[{i % 64 * spacing},{i / 64 % 64 * spacing},{i / 4096 * spacing},255,0,0,255],\"id\":{i}}}\n");

    /// <summary>A RESP SET of key v:<paramref name="i"/> to an RGBA value, the Redis counterpart of add_voxel.</summary>
    private static byte[] Set(int i)
    {
        var key = $"v:{i}";
        return Encoding.ASCII.GetBytes($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n$8\r\nff0000ff\r\n");
    }
}
