using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 10, cancellation: abandoned work stops; shutdown answers what is in flight.</summary>
public sealed class CancellationTests
{
    private const string Config = "{\"limits\":{\"flood_fill_max_voxels\":2000000000}}";
    /// <summary>create_project params of a project too big for a flood fill to finish soon.</summary>
    internal const string Huge = "{\"name\":\"huge\",\"width\":2147483647,\"height\":2147483647,\"depth\":1073741824}";

    /// <summary>A flood fill of <see cref="Huge"/> project <paramref name="id"/> that runs until it is cancelled.</summary>
    internal static string FloodFill(string id) =>
        $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.flood_fill\",\"params\":{{\"project_id\":\"{id}\",\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}},\"id\":9}}\n";

    [Fact]
    public void AClientThatLeavesCancelsItsWork()
    {
        using var daemon = ConfiguredDaemon.Start(Config);
        using var other = daemon.Connect();
        var id = other.Result("goxel.create_project", Huge).GetProperty("project_id").GetString()!;
        using (var leaving = daemon.Connect())
        {
            leaving.Send(FloodFill(id));
            Thread.Sleep(500);
        }
        AssertTheAbandonedFillStopped(other, id);
    }

    /// <summary>The fill holds the project until it stops; reading it again shows it stopped and changed nothing.</summary>
    internal static void AssertTheAbandonedFillStopped(RawClient other, string id)
    {
        var clock = Stopwatch.StartNew();
        var info = other.Result("goxel.get_project_info", $"{{\"project_id\":\"{id}\"}}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the abandoned fill ran on for {clock.Elapsed}");
        Assert.Equal(0, info.GetProperty("voxel_count").GetInt64());
    }

    [Fact]
    public void ShutdownAnswersWorkInFlight()
    {
        using var daemon = ConfiguredDaemon.Start(Config);
        using var client = daemon.Connect();
        var id = client.Result("goxel.create_project", Huge).GetProperty("project_id").GetString()!;
        client.Send(FloodFill(id));
        Thread.Sleep(500);
        var clock = Stopwatch.StartNew();
        daemon.Signal("TERM");
        var reply = client.ReadJson();
        Assert.Equal(9, reply.GetProperty("id").GetInt32());
        Assert.True(reply.TryGetProperty("error", out _), reply.ToString());
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        // 1.5 s is the daemon's promise; the margin is for a loaded test machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"answered and stopped after {clock.Elapsed}");
    }
}
