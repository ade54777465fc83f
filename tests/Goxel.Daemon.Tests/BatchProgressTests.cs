using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 12: performance.voxel_batch_size is the unit of a batch's progress notifications and the clients' batch size.</summary>
public sealed class BatchProgressTests
{
    private static string Batch(int count, bool progress, int id)
    {
        var positions = new byte[count * 12];
        for (var i = 0; i < count; i++) BitConverter.TryWriteBytes(positions.AsSpan(i * 12), i);
        var flag = progress ? ",\"progress\":true" : "";
        return $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel_batch\",\"params\":{{\"positions\":\"{Convert.ToBase64String(positions)}\",\"color\":[1,2,3,255]{flag}}},\"id\":{id}}}\n";
    }

    [Theory]
    [InlineData(null, new[] { 1000, 2000, 3000, 3500 })]
    [InlineData(1500, new[] { 1500, 3000, 3500 })]
    public void ABatchAskingForProgressHearsOfEveryChunkBeforeItsAnswer(int? batchSize, int[] expected)
    {
        var config = batchSize is { } size ? $"{{\"performance\":{{\"voxel_batch_size\":{size}}}}}" : "{}";
        using var daemon = ConfiguredDaemon.Start(config);
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Assert.Equal(batchSize ?? 1000, client.Result("goxel.get_daemon_status").GetProperty("voxel_batch_size").GetInt32());
        client.Send(Batch(3500, progress: true, id: 7));
        foreach (var done in expected)
        {
            var line = client.ReadLine();
            Assert.Equal($"{{\"jsonrpc\":\"2.0\",\"method\":\"progress\",\"params\":{{\"id\":7,\"done\":{done},\"total\":3500}}}}", line);
        }
        var answer = client.ReadJson();
        Assert.Equal(7, answer.GetProperty("id").GetInt32());
        Assert.Equal(3500, answer.GetProperty("result").GetProperty("count").GetInt32());
        // Without "progress", only the answer comes.
        client.Send(Batch(3500, progress: false, id: 8));
        Assert.Equal(8, client.ReadJson().GetProperty("id").GetInt32());
        Assert.True(client.IsSilentFor(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void ProgressInABatchOfRequestsComesBeforeTheBatchAnswer()
    {
        using var daemon = ConfiguredDaemon.Start("{\"performance\":{\"voxel_batch_size\":2000}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        var one = Batch(3000, progress: true, id: 1).TrimEnd('\n');
        var two = Batch(10, progress: true, id: 2).TrimEnd('\n');
        client.Send($"[{one},{two}]\n");
        var lines = Enumerable.Range(0, 4).Select(_ => client.ReadLine()).ToList();
        Assert.Equal(["1:2000", "1:3000", "2:10"], lines.Take(3).Select(l =>
        {
            var p = JsonDocument.Parse(l).RootElement.GetProperty("params");
            return $"{p.GetProperty("id").GetInt32()}:{p.GetProperty("done").GetInt32()}";
        }));
        Assert.StartsWith("[", lines[3]);
    }

    [Fact]
    public void ProgressIsSentWhileTheBatchRuns()
    {
        // A notification per voxel: 20,000 of them take the daemon a while to send, and the
        // first must reach the client long before the answer (kept, they would all come at the end).
        using var daemon = ConfiguredDaemon.Start("{\"performance\":{\"voxel_batch_size\":1}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        var batch = Batch(20_000, progress: true, id: 3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        client.Send(batch);
        Assert.Contains("\"done\":1,", client.ReadLine());
        var first = clock.Elapsed;
        var notifications = 1;
        while (!client.ReadLine().Contains("\"result\"", StringComparison.Ordinal)) notifications++;
        var whole = clock.Elapsed;
        Assert.Equal(20_000, notifications);
        Assert.True(first < whole / 2, $"first notification after {first.TotalMilliseconds:F1} ms, the answer after {whole.TotalMilliseconds:F1} ms");
    }
}
