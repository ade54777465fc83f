using System.Diagnostics;
using System.Text;

namespace Goxel.Daemon.Tests;

/// <summary>
/// Issues 10 and 11: plain connections served by event loops (server.event_loops). Quick
/// requests run on the loop; anything that may wait takes its connection to a thread of its own,
/// so no connection is held up by another's slow request, a script, or a client that reads slowly.
/// </summary>
public sealed class EventLoopTests
{
    private static DaemonProcess OneLoop(string extra = "") =>
        ConfiguredDaemon.Start($"{{\"server\":{{\"event_loops\":1}}{extra}}}");

    private static int Threads(DaemonProcess daemon) => Directory.GetDirectories($"/proc/{daemon.Process.Id}/task").Length;

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void LoopsServeConnectionsWithoutAThreadEach(int loops)
    {
        const int Count = 100;
        using var daemon = ConfiguredDaemon.Start($"{{\"server\":{{\"event_loops\":{loops}}}}}");
        using (var first = daemon.Connect()) Assert.True(first.Result("ping").GetProperty("pong").GetBoolean());
        var before = Threads(daemon);
        var clients = new List<RawClient>();
        try
        {
            for (var i = 0; i < Count; i++)
            {
                clients.Add(daemon.Connect());
                Assert.True(clients[^1].Result("ping").GetProperty("pong").GetBoolean());
            }
            var added = Threads(daemon) - before;
            // event_loops 0 is a thread per connection; with loops the count stays put.
            if (loops == 0) Assert.True(added >= Count - 5, $"{added} threads for {Count} connections");
            else Assert.True(added < 10, $"{added} threads for {Count} connections on one loop");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public void ASlowRequestHoldsUpOnlyItsOwnConnection()
    {
        // A fill that stops at its cap after a few million cells (seconds), then a ping behind it.
        using var daemon = OneLoop(",\"limits\":{\"flood_fill_max_voxels\":3000000}");
        using var filling = daemon.Connect();
        var id = filling.Result("goxel.create_project", CancellationTests.Huge).GetProperty("project_id").GetString()!;
        filling.Send(CancellationTests.FloodFill(id) + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":10}\n");
        Thread.Sleep(300);
        // An edit of the same project waits for the fill, on a thread of its own.
        using var waiting = daemon.Connect();
        waiting.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{id}\",\"x\":1,\"y\":1,\"z\":1,\"color\":[1,2,3,255]}},\"id\":8}}\n");
        Thread.Sleep(100);
        using var other = daemon.Connect();
        other.Result("goxel.create_project", "{\"name\":\"other\"}");
        var longest = TimeSpan.Zero;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.True(other.Result("goxel.add_voxel", "[1,2,3,255,0,0,255]").GetProperty("success").GetBoolean());
            longest = clock.Elapsed > longest ? clock.Elapsed : longest;
        }
        Assert.True(longest < TimeSpan.FromMilliseconds(500), $"a quick request on the same loop waited {longest.TotalMilliseconds:F0} ms");
        var fill = filling.ReadJson();
        Assert.Equal(9, fill.GetProperty("id").GetInt32());
        Assert.Contains("flood_fill_max_voxels", fill.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, filling.ReadJson().GetProperty("id").GetInt32());
        var edit = waiting.ReadJson();
        Assert.True(edit.GetProperty("result").GetProperty("success").GetBoolean(), edit.ToString());
    }

    [Fact]
    public void AnEditWaitingForAScriptDoesNotHoldUpTheLoop()
    {
        using var daemon = OneLoop();
        using var scripting = daemon.Connect();
        var id = scripting.Result("goxel.create_project", "{\"name\":\"s\"}").GetProperty("project_id").GetString()!;
        scripting.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{{\"project_id\":\"{id}\",\"timeout_ms\":2500,"
            + "\"script\":\"for (;;) {}\"},\"id\":7}\n");
        Thread.Sleep(300);
        using var editing = daemon.Connect();
        var clock = Stopwatch.StartNew();
        editing.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{id}\",\"x\":1,\"y\":1,\"z\":1,\"color\":[1,2,3,255]}},\"id\":8}}\n");
        using var pinging = daemon.Connect();
        for (var i = 0; i < 5; i++)
        {
            var ping = Stopwatch.StartNew();
            Assert.True(pinging.Result("ping").GetProperty("pong").GetBoolean());
            Assert.True(ping.Elapsed < TimeSpan.FromMilliseconds(500), $"ping waited {ping.Elapsed.TotalMilliseconds:F0} ms behind an edit waiting for a script");
        }
        // The edit waited for the script's end, then ran.
        var edit = editing.ReadJson();
        Assert.True(edit.GetProperty("result").GetProperty("success").GetBoolean(), edit.ToString());
        Assert.True(clock.Elapsed > TimeSpan.FromMilliseconds(1000), $"the edit answered after {clock.Elapsed.TotalMilliseconds:F0} ms, before the script ended");
        Assert.True(scripting.ReadJson().TryGetProperty("error", out _));
        Assert.Equal(1, pinging.Result("goxel.get_voxel", $"{{\"project_id\":\"{id}\",\"x\":1,\"y\":1,\"z\":1}}").GetProperty("color")[0].GetInt32());
    }

    [Fact]
    public void AClientThatReadsSlowlyGetsEveryResponseInOrder()
    {
        using var daemon = OneLoop();
        using var client = daemon.Connect();
        client.Result("goxel.create_project", "{\"name\":\"r\"}");
        client.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":12,\"size_y\":12,\"size_z\":12,\"r\":1,\"g\":2,\"b\":3}");
        // About 60 KB per answer, 20 MB in all: far past what the socket holds, and past the
        // output a connection keeps before it writes.
        const int Count = 330;
        var requests = new StringBuilder();
        for (var i = 0; i < Count; i++)
            requests.Append($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxels_region\",\"params\":{{\"min\":[-8,-8,-8],\"max\":[8,8,8]}},\"id\":{i}}}\n");
        client.Send(requests.ToString());
        Thread.Sleep(1000);
        using (var other = daemon.Connect()) Assert.True(other.Result("ping").GetProperty("pong").GetBoolean());
        for (var i = 0; i < Count; i++)
        {
            var reply = client.ReadJson();
            Assert.Equal(i, reply.GetProperty("id").GetInt32());
            Assert.Equal(1728, reply.GetProperty("result").GetProperty("voxels").GetArrayLength());
        }
    }

    [Fact]
    public void ConnectionsOfASharedProjectGatherOnOneLoop()
    {
        const int Connections = 10, Warmup = 10, Rounds = 150;
        var (daemon, editors) = TwoLoopsSharing(Connections);
        using var owned = daemon;
        var project = editors[0].Project;
        try
        {
            // The connections were dealt to both loops; each that waits for the project on the
            // other loop moves to the loop the project is served on.
            EditRounds(editors, 0, Warmup);
            var before = LoopCpu(daemon);
            EditRounds(editors, Warmup, Rounds);
            var work = Spent(before, LoopCpu(daemon));
            // A loop left without connections sleeps: (nearly) all the edits ran on the other.
            Assert.True(work[0] * 10 <= work[1], $"CPU ticks of the two loops while editing: {work[0]} and {work[1]}");
            Assert.Contains(Connections, ByLoop(editors[0].Client));
            Assert.Equal(Connections * Rounds * EditDepth, editors[0].Client.Result("goxel.get_project_info", $"{{\"project_id\":\"{project}\"}}").GetProperty("voxel_count").GetInt64());
        }
        finally
        {
            foreach (var (client, _) in editors) client.Dispose();
        }
    }

    [Fact]
    public void GatheringLeavesTheOtherLoopItsShareOfConnections()
    {
        const int Connections = 10, Warmup = 10, Rounds = 60;
        // Half the connections edit the shared project, half a project each; all were dealt to both loops.
        var (daemon, editors) = TwoLoopsSharing(Connections);
        using var owned = daemon;
        for (var i = 0; i < Connections; i++)
        {
            var client = daemon.Connect();
            editors.Add((client, client.Result("goxel.create_project", $"{{\"name\":\"own{i}\"}}").GetProperty("project_id").GetString()!));
        }
        try
        {
            // The shared project's connections gather on one loop, which gives the other loop
            // back as many connections of its own projects.
            EditRounds(editors, 0, Warmup);
            EditRounds(editors, Warmup, Rounds);
            // Left as gathered, one loop would serve 15 connections and the other 5.
            var byLoop = ByLoop(editors[0].Client);
            Assert.True(Math.Abs(byLoop[0] - byLoop[1]) <= 2, $"connections by loop: {string.Join(", ", byLoop)}");
        }
        finally
        {
            foreach (var (client, _) in editors) client.Dispose();
        }
    }

    private const int EditDepth = 100;

    // A daemon with two event loops, a project, and `connections` connections (dealt to both loops) to edit it.
    private static (DaemonProcess Daemon, List<(RawClient Client, string Project)> Editors) TwoLoopsSharing(int connections)
    {
        var daemon = ConfiguredDaemon.Start("{\"server\":{\"event_loops\":2}}");
        string project;
        using (var first = daemon.Connect()) project = first.Result("goxel.create_project", "{\"name\":\"shared\"}").GetProperty("project_id").GetString()!;
        return (daemon, Enumerable.Range(0, connections).Select(_ => (daemon.Connect(), project)).ToList());
    }

    // Each connection, on a thread of its own, pipelines EditDepth edits of cells of its own in
    // its project and reads their answers, round after round.
    private static void EditRounds(List<(RawClient Client, string Project)> editors, int from, int to)
    {
        var threads = editors.Select((editor, c) => new Thread(() =>
        {
            for (var round = from; round < to; round++)
            {
                var requests = new StringBuilder();
                for (var i = 0; i < EditDepth; i++)
                    requests.Append($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{editor.Project}\",\"x\":{c},\"y\":{round},\"z\":{i},\"color\":[1,2,3,255]}},\"id\":{i}}}\n");
                editor.Client.Send(requests.ToString());
                for (var i = 0; i < EditDepth; i++)
                {
                    var reply = editor.Client.ReadJson();
                    if (reply.GetProperty("id").GetInt32() != i || !reply.TryGetProperty("result", out _)) throw new InvalidDataException(reply.ToString());
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    // get_performance_metrics' connections by event loop.
    private static int[] ByLoop(RawClient client) =>
        client.Result("goxel.get_performance_metrics").GetProperty("connections").GetProperty("by_event_loop").EnumerateArray().Select(n => n.GetInt32()).ToArray();

    // The loops' CPU ticks between two looks, smaller first.
    private static long[] Spent(long[] before, long[] after)
    {
        Assert.Equal(2, after.Length);
        return after.Select((ticks, i) => ticks - before[i]).Order().ToArray();
    }

    // CPU time (user and system clock ticks) of each event loop's thread.
    private static long[] LoopCpu(DaemonProcess daemon) =>
        Directory.GetDirectories($"/proc/{daemon.Process.Id}/task")
            .Where(task => File.ReadAllText(Path.Combine(task, "comm")).StartsWith("goxel-loop-", StringComparison.Ordinal))
            .Select(task => ProcessCpu.Ticks(Path.Combine(task, "stat")))
            .ToArray();
}
