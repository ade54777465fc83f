using System.Text.Json.Nodes;

namespace Goxel.Client.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_call_without_an_answer_times_out_and_later_calls_still_work()
    {
        await using var daemon = await TestDaemon.StartAsync();
        await using var client = new GoxelDaemonClient(daemon.Options with { Timeout = TimeSpan.FromMilliseconds(200) });
        await client.ConnectAsync();
        await daemon.PauseAsync();
        var timeout = await Assert.ThrowsAsync<GoxelTimeoutException>(() => client.PingAsync());
        Assert.Equal(("ping", TimeSpan.FromMilliseconds(200)), (timeout.Method, timeout.Timeout));
        daemon.Signal("CONT");
        // The connection stays usable. A daemon just resumed on a loaded machine (or a JIT one)
        // may need more than 200 ms for a call or two, so allow a few attempts.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Assert.True((await client.PingAsync()).Pong);
                return;
            }
            catch (GoxelTimeoutException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Answered_calls_never_time_out_later()
    {
        await using var daemon = await TestDaemon.StartAsync();
        await using (var warmUp = new GoxelDaemonClient(daemon.Options))
        {
            // A JIT-compiled daemon answers its first calls slowly; that is not what this tests.
            await warmUp.ConnectAsync();
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => warmUp.PingAsync()));
        }
        await using var client = new GoxelDaemonClient(daemon.Options with { Timeout = TimeSpan.FromSeconds(1) });
        await client.ConnectAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The sweep fires at least twice while answered calls sit in its queue.
        while (clock.ElapsedMilliseconds < 2500)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PingAsync()));
            await Task.Delay(10);
        }
        Assert.True((await client.PingAsync()).Pong);
    }

    [Fact]
    public async Task A_dropped_connection_fails_in_flight_calls_and_autoreconnect_comes_back()
    {
        var first = await TestDaemon.StartAsync();
        TestDaemon? second = null;
        var client = new GoxelDaemonClient(first.Options with { AutoReconnect = true, ReconnectDelay = TimeSpan.FromMilliseconds(50) });
        try
        {
            await client.ConnectAsync();
            var disconnected = new TaskCompletionSource();
            var reconnected = new TaskCompletionSource();
            client.Disconnected += (_, _) => disconnected.TrySetResult();
            client.Reconnected += (_, _) => reconnected.TrySetResult();
            await first.PauseAsync();
            var inFlight = new Task[] { client.PingAsync(), client.CallAsync("echo", new JsonArray(1)) };
            first.Signal("KILL");
            foreach (var call in inFlight) await Assert.ThrowsAsync<GoxelConnectionException>(() => call);
            await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // A call made while the daemon is down waits for the reconnect.
            var waiting = client.CallAsync("echo", new JsonArray("after"));
            await Task.Delay(300);
            second = await TestDaemon.StartAsync(socketPath: first.SocketPath);
            Assert.Equal("after", (await waiting)[0].GetString());
            await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(client.IsConnected);
        }
        finally
        {
            await client.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_MaxReconnectAttempts_waiting_calls_fail()
    {
        var daemon = await TestDaemon.StartAsync();
        await using var client = new GoxelDaemonClient(daemon.Options with
        {
            AutoReconnect = true, ReconnectDelay = TimeSpan.FromMilliseconds(20), MaxReconnectAttempts = 3, Timeout = TimeSpan.FromSeconds(10),
        });
        await client.ConnectAsync();
        var dropped = new TaskCompletionSource();
        client.Disconnected += (_, _) => dropped.TrySetResult();
        await daemon.DisposeAsync();
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<GoxelConnectionException>(() => client.PingAsync());
        Assert.Contains("gave up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_autoreconnect_a_dropped_connection_stays_down()
    {
        var daemon = await TestDaemon.StartAsync();
        await using var client = new GoxelDaemonClient(daemon.Options);
        await client.ConnectAsync();
        var dropped = new TaskCompletionSource();
        client.Disconnected += (_, _) => dropped.TrySetResult();
        await daemon.DisposeAsync();
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<GoxelConnectionException>(() => client.PingAsync());
    }
}
