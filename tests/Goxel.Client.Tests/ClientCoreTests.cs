using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Goxel.Client.Tests;

public sealed class ClientCoreTests(SmallRequestDaemonFixture fixture) : IClassFixture<SmallRequestDaemonFixture>
{
    private TestDaemon Daemon => fixture.Daemon;

    [Fact]
    public async Task Diagnostics_answer()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        Assert.True(client.IsConnected);
        Assert.True((await client.PingAsync()).Pong);
        Assert.Equal("JSON-RPC 2.0", (await client.GetVersionAsync()).Protocol);
        Assert.Equal("running", (await client.GetStatusAsync()).Status);
        Assert.True((await client.ListMethodsAsync()).Count >= 34);
        var echoed = await client.CallAsync("echo", new JsonObject { ["a"] = new JsonArray(1, "b") });
        Assert.Equal("""{"a":[1,"b"]}""", echoed.GetRawText());
    }

    [Fact]
    public async Task Performance_metrics_come_back_typed_and_count_requests()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        await client.PingAsync();
        var before = await client.GetPerformanceMetricsAsync();
        await client.PingAsync();
        await client.PingAsync();
        var after = await client.GetPerformanceMetricsAsync();
        Assert.Equal(before.Requests.Methods["ping"].Count + 2, after.Requests.Methods["ping"].Count);
        var ping = after.Requests.Methods["ping"];
        Assert.True(ping.P50Ms > 0 && ping.P50Ms <= ping.P99Ms && ping.P99Ms <= ping.MaxMs);
        Assert.True(after.UptimeSeconds > 0);
        Assert.True(after.Connections.ByTransport["unix"].Current >= 1);
        Assert.True(after.Connections.ByEventLoop.Sum() >= 1, $"by_event_loop: {string.Join(", ", after.Connections.ByEventLoop)}");
        Assert.True(after.Memory.RssBytes > 0);
        Assert.Equal(4, after.Memory.Blocks.Count);
        // Closing a project compacts the heap: a blocking full collection the figures show.
        var project = await client.CreateProjectAsync("gc");
        await client.CloseProjectAsync(project.ProjectId);
        var gc = (await client.GetPerformanceMetricsAsync()).Gc;
        Assert.True(gc.Gen2 > after.Gc.Gen2, gc.ToString());
        Assert.True(gc.PauseTotalMs > 0 && gc.LastPauseMs.FullBlocking > 0, gc.ToString());
    }

    [Fact]
    public async Task Ten_thousand_pipelined_calls_on_one_connection_match_by_id()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var calls = Enumerable.Range(0, 10_000).Select(i => client.CallAsync("echo", new JsonArray(i))).ToArray();
        var results = await Task.WhenAll(calls);
        for (var i = 0; i < results.Length; i++) Assert.Equal(i, results[i][0].GetInt32());
        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task Daemon_errors_are_GoxelRpcException_with_code_and_method()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var missing = await Assert.ThrowsAsync<GoxelRpcException>(() => client.CallAsync("no.such_method"));
        Assert.Equal((-32601, "no.such_method", true), (missing.Code, missing.Method, missing.IsNotImplemented));
        var bad = await Assert.ThrowsAsync<GoxelRpcException>(() =>
            client.CallAsync("goxel.add_voxel", new JsonObject { ["x"] = 0, ["y"] = 0, ["z"] = 0, ["color"] = "#nothex" }));
        Assert.Equal(-32602, bad.Code);
        Assert.True((await client.PingAsync()).Pong);
    }

    [Fact]
    public async Task An_oversized_request_fails_alone()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var big = client.CallAsync("echo", new JsonObject { ["s"] = new string('x', 8000) });
        var small = client.CallAsync("echo", new JsonObject { ["s"] = "ok" });
        Assert.Equal(-32700, (await Assert.ThrowsAsync<GoxelRpcException>(() => big)).Code);
        Assert.Equal("ok", (await small).GetProperty("s").GetString());
    }

    [Fact]
    public async Task Batch_elements_succeed_or_fail_on_their_own()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var outcomes = await client.BatchAsync([
            new RpcBatchCall("echo", new JsonObject { ["n"] = 1 }),
            new RpcBatchCall("nope"),
            new RpcBatchCall("echo", new JsonArray(3), Notification: true),
            new RpcBatchCall("ping"),
        ]);
        Assert.Equal([true, false, true, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal(1, outcomes[0].Result.GetProperty("n").GetInt32());
        Assert.Equal(-32601, Assert.IsType<GoxelRpcException>(outcomes[1].Error).Code);
        Assert.Equal(JsonValueKind.Undefined, outcomes[2].Result.ValueKind);
        Assert.True(outcomes[3].Result.GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task Notifications_run_in_order_without_an_answer()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var project = await client.CreateProjectAsync("notify");
        await client.NotifyAsync("goxel.add_voxel", new JsonObject { ["x"] = 5, ["y"] = 6, ["z"] = 7, ["color"] = "#102030", ["project_id"] = project.ProjectId });
        Assert.Equal(new Rgba(0x10, 0x20, 0x30), (await client.GetVoxelAsync(new(5, 6, 7), projectId: project.ProjectId)).Color);
        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task A_result_of_the_wrong_shape_fails_that_call_only()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var wrong = await Assert.ThrowsAsync<GoxelException>(() => client.CallAsync("echo", new JsonArray(1, 2), ClientJsonContext.Default.PingResult));
        Assert.IsType<JsonException>(wrong.InnerException);
        Assert.True((await client.PingAsync()).Pong);
    }

    [Fact]
    public async Task Tcp_transport()
    {
        var options = new GoxelDaemonClientOptions { TcpHost = "127.0.0.1", TcpPort = Daemon.TcpPort!.Value };
        await using (var refused = new GoxelDaemonClient(options with { Token = "wrong-token" }))
        {
            var error = await Assert.ThrowsAsync<GoxelConnectionException>(() => refused.ConnectAsync());
            Assert.Contains("authentication failed", error.Message, StringComparison.Ordinal);
        }
        await using var client = new GoxelDaemonClient(options with { Token = Daemon.TcpToken });
        await client.ConnectAsync();
        Assert.True((await client.PingAsync()).Pong);
    }

    [Fact]
    public async Task Calls_without_a_connection_fail_with_GoxelConnectionException()
    {
        await using var idle = new GoxelDaemonClient(Daemon.Options);
        await Assert.ThrowsAsync<GoxelConnectionException>(() => idle.PingAsync());
        await using var nowhere = new GoxelDaemonClient(Daemon.Options with { SocketPath = Daemon.SocketPath + ".missing" });
        await Assert.ThrowsAsync<GoxelConnectionException>(() => nowhere.ConnectAsync());
    }

    [Fact]
    public async Task Disconnect_lets_calls_already_sent_finish_and_fails_calls_made_while_closing()
    {
        var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        var calls = Enumerable.Range(0, 100).Select(i => client.CallAsync("echo", new JsonArray(i))).ToArray();
        var closing = client.DisconnectAsync();
        await Assert.ThrowsAsync<GoxelConnectionException>(() => client.PingAsync());
        await closing;
        var results = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 100), results.Select(r => r[0].GetInt32()));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Cancellation_stops_waiting_and_the_connection_goes_on()
    {
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PingAsync(cancelled.Token));
        Assert.True((await client.PingAsync()).Pong);
    }

    [Fact]
    public async Task Calls_are_recorded_in_System_Diagnostics_Metrics()
    {
        var seen = new List<(string Instrument, string? Method, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ClientMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        listener.Start();
        await using var client = new GoxelDaemonClient(Daemon.Options);
        await client.ConnectAsync();
        await client.PingAsync();
        await Assert.ThrowsAsync<GoxelRpcException>(() => client.CallAsync("nope.metrics"));
        lock (seen)
        {
            Assert.Contains(("goxel.client.calls", "ping", "ok"), seen);
            Assert.Contains(("goxel.client.call.duration", "ping", "ok"), seen);
            Assert.Contains(("goxel.client.calls", "nope.metrics", "error"), seen);
        }

        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? method = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "method") method = tag.Value as string;
                if (tag.Key == "outcome") outcome = tag.Value as string;
            }
            lock (seen) seen.Add((instrument.Name, method, outcome));
        }
    }
}
