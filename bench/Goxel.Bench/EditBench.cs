using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Goxel.Bench;

/// <summary>Issue 3's numbers: batch voxels/s (JSON and packed), a radius-100 sphere, a 1M-voxel flood fill, RSS.</summary>
internal static class EditBench
{
    private const int Runs = 5;

    public static void Run(string socket)
    {
        using var client = new LineClient(socket);
        foreach (var count in new[] { 1_000, 100_000 })
        {
            Report($"add_voxel_batch JSON, {count:N0} voxels", count, Median(client, () => Compact(count)));
            Report($"add_voxel_batch packed, {count:N0} voxels", count, Median(client, () => Packed(count)));
        }
        var sphere = Median(client, () => Request("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"radius\":100,\"r\":200}"));
        Console.WriteLine($"procedural_shape sphere radius 100 (4.2M voxels): {sphere.TotalMilliseconds:F1} ms");
        var fill = Median(client, () => Request("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":0,\"b\":255}"),
            () => Request("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size\":100,\"r\":255}"));
        Console.WriteLine($"flood_fill of a 1M-voxel region: {fill.TotalMilliseconds:F1} ms ({1_000_000 / fill.TotalSeconds / 1e6:F1}M voxels/s)");
    }

    /// <summary>Median time of one packed 100,000-voxel add_voxel_batch (issue 9's batch figure).</summary>
    public static void Batches(string socket)
    {
        using var client = new LineClient(socket);
        Report("add_voxel_batch packed, 100,000 voxels", 100_000, Median(client, () => Packed(100_000)));
    }

    /// <summary>What the daemon's start-up recovery took, from the status method.</summary>
    public static void Recovery(string socket)
    {
        using var client = new LineClient(socket);
        var status = JsonDocument.Parse(Call(client, Request("status", "{}"))).RootElement.GetProperty("result");
        var info = JsonDocument.Parse(Call(client, Request("goxel.get_project_info", "{}"))).RootElement.GetProperty("result");
        Console.WriteLine($"recovery_ms={status.GetProperty("storage").GetProperty("recovery").GetProperty("milliseconds").GetDouble():F0} " +
            $"voxels={info.GetProperty("voxel_count").GetInt64()}");
    }

    /// <summary>RSS of a fresh daemon before and after 1M voxels.</summary>
    public static void Rss(string socket)
    {
        using var client = new LineClient(socket);
        Console.WriteLine($"RSS of a fresh daemon: {Rss(client):F1} MB");
        Call(client, Request("goxel.create_project", "{\"name\":\"rss\"}"));
        // 1M voxels in four packed batches: one would pass the 16 MiB request limit.
        for (var k = 0; k < 4; k++) Check(Call(client, Packed(250_000, 25 * k)));
        Console.WriteLine($"RSS with 1M voxels (4 packed batches of 250,000): {Rss(client):F1} MB");
    }

    private static double Rss(LineClient client) =>
        JsonDocument.Parse(Call(client, Request("status", "{}"))).RootElement.GetProperty("result").GetProperty("rss_bytes").GetInt64() / 1048576.0;

    private static void Check(string response)
    {
        if (response.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException(response);
    }

    private static void Report(string what, int voxels, TimeSpan time) =>
        Console.WriteLine($"{what}: {time.TotalMilliseconds:F2} ms, {voxels / time.TotalSeconds / 1e6:F2}M voxels/s");

    /// <summary>Median time of one request, each run in a fresh project (after an optional setup request).</summary>
    private static TimeSpan Median(LineClient client, Func<byte[]> request, Func<byte[]>? setup = null)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < Runs + 1; run++)
        {
            Call(client, Request("goxel.close_project", "{}"));
            Check(Call(client, Request("goxel.create_project", "{\"name\":\"bench\"}")));
            if (setup is not null) Check(Call(client, setup()));
            var bytes = request();
            var clock = Stopwatch.StartNew();
            var response = Call(client, bytes);
            if (run > 0) times.Add(clock.Elapsed);
            Check(response);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static string Call(LineClient client, byte[] request)
    {
        client.Send(request);
        return client.ReadLineText();
    }

    private static byte[] Request(string method, string parameters) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":1}}\n");

    private static byte[] Compact(int count)
    {
        var json = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel_batch\",\"params\":{\"voxels\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append('[').Append(i % 100).Append(',').Append(i / 100 % 100).Append(',').Append(i / 10000).Append(",255,").Append(i % 256).Append(",0,255]");
        }
        return Encoding.UTF8.GetBytes(json.Append("]},\"id\":1}\n").ToString());
    }

    private static byte[] Packed(int count, int z0 = 0)
    {
        var positions = new byte[count * 12];
        var colors = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12), i % 100);
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12 + 4), i / 100 % 100);
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12 + 8), z0 + i / 10000);
            colors[i * 4] = 255;
            colors[i * 4 + 1] = (byte)i;
            colors[i * 4 + 3] = 255;
        }
        return Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel_batch\",\"params\":{{\"positions\":\"{Convert.ToBase64String(positions)}\",\"colors\":\"{Convert.ToBase64String(colors)}\"}},\"id\":1}}\n");
    }
}
