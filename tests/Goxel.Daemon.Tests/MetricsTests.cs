using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Goxel.Daemon.Tests;

/// <summary>goxel.get_performance_metrics, the monitoring.* keys, the request log and the Prometheus endpoint.</summary>
public sealed partial class MetricsTests
{
    private static void Reload(DaemonProcess daemon, int times)
    {
        daemon.Signal("HUP");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (daemon.Stderr.Split("SIGHUP: reloaded").Length - 1 < times)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"no reload logged: {daemon.Stderr}");
            Thread.Sleep(20);
        }
    }

    private static DaemonProcess WithConfig(string configJson, out string config, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = DaemonProcess.NewDirectory();
        config = Path.Combine(dir, "daemon.json");
        File.WriteAllText(config, configJson);
        var socket = Path.Combine(dir, "d.sock");
        var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true, environment: environment);
        daemon.WaitUntilListening();
        return daemon;
    }

    [Fact]
    public void MetricsShowTheCollectorsPauses()
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        var before = client.Result("goxel.get_performance_metrics").GetProperty("gc");
        // Closing a project compacts the whole heap: one blocking full collection at least.
        client.Result("goxel.create_project", "[\"gc\"]");
        client.Result("goxel.close_project");
        var gc = client.Result("goxel.get_performance_metrics").GetProperty("gc");
        Assert.True(gc.GetProperty("gen2").GetInt64() > before.GetProperty("gen2").GetInt64(), gc.ToString());
        Assert.True(gc.GetProperty("gen0").GetInt64() >= gc.GetProperty("gen1").GetInt64(), gc.ToString());
        Assert.True(gc.GetProperty("pause_total_ms").GetDouble() > before.GetProperty("pause_total_ms").GetDouble(), gc.ToString());
        Assert.True(gc.GetProperty("last_pause_ms").GetProperty("full_blocking").GetDouble() > 0, gc.ToString());
        Assert.InRange(gc.GetProperty("pause_time_percent").GetDouble(), 0, 100);
    }

    [Fact]
    public void MetricsCountRequestsVoxelsConnectionsMemoryRendersAndJournal()
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        client.Result("goxel.create_project", "[\"metrics\"]");
        for (var i = 0; i < 3; i++) client.Result("goxel.add_voxel", $"{{\"x\":{i},\"y\":0,\"z\":0,\"color\":[1,2,3,255]}}");
        client.Result("goxel.add_voxel_batch", "{\"voxels\":[{\"x\":0,\"y\":5,\"z\":0,\"r\":1,\"g\":2,\"b\":3},{\"x\":1,\"y\":5,\"z\":0,\"r\":1,\"g\":2,\"b\":3}]}");
        client.Error("goxel.add_voxel", "{\"x\":\"far\",\"y\":0,\"z\":0,\"color\":[1,2,3,255]}");
        client.Result("goxel.render_image", new { width = 32, height = 32 });

        var metrics = client.Result("goxel.get_performance_metrics");
        Assert.True(metrics.GetProperty("uptime_seconds").GetDouble() > 0);
        var addVoxel = metrics.GetProperty("requests").GetProperty("methods").GetProperty("goxel.add_voxel");
        Assert.Equal(4, addVoxel.GetProperty("count").GetInt64());
        Assert.Equal(1, addVoxel.GetProperty("errors").GetInt64());
        var p50 = addVoxel.GetProperty("p50_ms").GetDouble();
        var p95 = addVoxel.GetProperty("p95_ms").GetDouble();
        var p99 = addVoxel.GetProperty("p99_ms").GetDouble();
        var max = addVoxel.GetProperty("max_ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max, addVoxel.ToString());
        Assert.Equal(5, metrics.GetProperty("voxels").GetProperty("written_total").GetInt64());

        var unix = metrics.GetProperty("connections").GetProperty("by_transport").GetProperty("unix");
        Assert.Equal(1, unix.GetProperty("current").GetInt64());
        Assert.True(unix.GetProperty("total").GetInt64() >= 1);
        Assert.Equal(0, metrics.GetProperty("connections").GetProperty("by_transport").GetProperty("tcp").GetProperty("total").GetInt64());

        var memory = metrics.GetProperty("memory");
        Assert.True(memory.GetProperty("rss_bytes").GetInt64() > 1 << 20);
        Assert.True(memory.GetProperty("gc_heap_bytes").GetInt64() > 0);
        Assert.Equal(5, memory.GetProperty("voxels").GetInt64());
        Assert.True(memory.GetProperty("bytes_per_voxel").GetDouble() > 0);
        Assert.True(memory.GetProperty("undo_bytes").GetInt64() > 0);
        // The render above is kept by the render cache, which reports its bytes.
        Assert.True(memory.GetProperty("cache_bytes").GetInt64() > 0);
        var blocks = memory.GetProperty("blocks");
        Assert.Equal(1, blocks.EnumerateObject().Sum(b => b.Value.GetProperty("count").GetInt64()));
        Assert.Equal(1, blocks.GetProperty("sparse").GetProperty("count").GetInt64());

        var renders = metrics.GetProperty("renders");
        Assert.Equal(1, renders.GetProperty("count").GetInt64());
        Assert.True(renders.GetProperty("total_ms").GetDouble() > 0);

        var journal = metrics.GetProperty("journal");
        Assert.True(journal.GetProperty("bytes_written").GetInt64() > 0);
        Assert.Equal("everysec", journal.GetProperty("fsync_policy").GetString());
        // The journal is flushed once a second (storage.fsync everysec).
        for (var tries = 0; tries < 100 && journal.GetProperty("fsyncs").GetInt64() == 0; tries++)
        {
            Thread.Sleep(100);
            journal = client.Result("goxel.get_performance_metrics").GetProperty("journal");
        }
        Assert.True(journal.GetProperty("fsyncs").GetInt64() > 0, journal.ToString());
        Assert.NotEqual(JsonValueKind.Null, journal.GetProperty("last_fsync").ValueKind);

        // The unprefixed name answers too, and the metrics call itself was counted.
        var again = client.Result("get_performance_metrics");
        Assert.True(again.GetProperty("requests").GetProperty("methods").GetProperty("goxel.get_performance_metrics").GetProperty("count").GetInt64() >= 1);
        var listed = client.Result("list_methods").GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString());
        Assert.Contains("goxel.get_performance_metrics", listed);
    }

    [Fact]
    public void ConnectionsAreCountedOpenAndClosedAndRefusalsByTransport()
    {
        var port = DaemonProcess.FreePort();
        using var daemon = WithConfig($"{{\"server\":{{\"tcp\":\"127.0.0.1:{port}\",\"tcp_auth\":\"none\"}}}}", out _);
        using (var first = daemon.Connect()) first.Result("ping");
        using var tcp = RawClient.Tcp(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        tcp.Result("ping");
        using (var http = RawClient.Tcp(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)))
        {
            http.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 403", http.ReadLine());
        }
        using var client = daemon.Connect();
        JsonElement transports = default;
        // A closed connection is counted closed once its thread has ended, and a refusal once its
        // answer was sent: allow them a moment.
        for (var tries = 0; tries < 100; tries++)
        {
            transports = client.Result("goxel.get_performance_metrics").GetProperty("connections").GetProperty("by_transport");
            if (transports.GetProperty("unix").GetProperty("current").GetInt64() == 1 && transports.GetProperty("tcp").GetProperty("rejected").GetInt64() == 1) break;
            Thread.Sleep(50);
        }
        Assert.Equal(1, transports.GetProperty("unix").GetProperty("current").GetInt64());
        // The test harness's own probe for the listening socket counts too.
        Assert.True(transports.GetProperty("unix").GetProperty("total").GetInt64() >= 2);
        Assert.Equal(1, transports.GetProperty("tcp").GetProperty("current").GetInt64());
        Assert.Equal(1, transports.GetProperty("tcp").GetProperty("total").GetInt64());
        Assert.Equal(1, transports.GetProperty("tcp").GetProperty("rejected").GetInt64());
    }

    [Fact]
    public void AConnectionPastMaxConnectionsIsCountedRejected()
    {
        using var daemon = WithConfig("{\"daemon\":{\"max_connections\":1}}", out _);
        // The harness's probe of the listening socket may hold the one slot for a moment.
        RawClient? admitted = null;
        for (var tries = 0; admitted is null && tries < 100; tries++)
        {
            var client = daemon.Connect();
            client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n");
            if (client.ReadLine().Contains("\"result\"", StringComparison.Ordinal)) admitted = client;
            else
            {
                client.Dispose();
                Thread.Sleep(50);
            }
        }
        Assert.NotNull(admitted);
        using (admitted)
        {
            var before = admitted.Result("goxel.get_performance_metrics").GetProperty("connections").GetProperty("by_transport").GetProperty("unix").GetProperty("rejected").GetInt64();
            using (var refused = daemon.Connect()) Assert.Contains("Too many connections", refused.ReadLine());
            var after = admitted.Result("goxel.get_performance_metrics").GetProperty("connections").GetProperty("by_transport").GetProperty("unix").GetProperty("rejected").GetInt64();
            Assert.Equal(before + 1, after);
        }
    }

    [Fact]
    public void EnableMetricsOffRecordsNothingAndAnswersAnErrorUntilReloaded()
    {
        using var daemon = WithConfig("{\"monitoring\":{\"enable_metrics\":false}}", out var config);
        using var client = daemon.Connect();
        client.Result("ping");
        var error = client.Error("goxel.get_performance_metrics");
        Assert.Equal(-1040, error.GetProperty("code").GetInt32());
        Assert.Contains("Metrics are off", error.GetProperty("message").GetString());

        File.WriteAllText(config, "{\"monitoring\":{\"enable_metrics\":true}}");
        Reload(daemon, 1);
        Assert.Contains("monitoring.enable_metrics: False -> True", daemon.Stderr);
        var methods = client.Result("goxel.get_performance_metrics").GetProperty("requests").GetProperty("methods");
        // Only what ran while metrics were on: the pings before were not recorded.
        Assert.False(methods.TryGetProperty("ping", out _), methods.ToString());
    }

    [Fact]
    public void SlowRequestLogNamesMethodBytesProjectAndTime()
    {
        using var daemon = WithConfig("{\"monitoring\":{\"slow_request_threshold_ms\":20}}", out _);
        using var client = daemon.Connect();
        var id = client.Result("goxel.create_project", "[\"slow\"]").GetProperty("project_id").GetString();
        const string Script = "var t = Date.now(); while (Date.now() - t < 60) {}";
        var request = $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{{\"script\":{RawClient.Quote(Script)}}},\"id\":7}}";
        client.Send(request + "\n");
        client.ReadLine();
        var bytes = System.Text.Encoding.UTF8.GetByteCount(request);
        Assert.True(daemon.WaitForStderr($"({bytes} request bytes, project {id})", TimeSpan.FromSeconds(10)), daemon.Stderr);
        Assert.Matches(@"slow request: goxel\.execute_script took \d+\.\d ms", daemon.Stderr);
        Assert.DoesNotContain("slow request: ping", daemon.Stderr);
    }

    [Fact]
    public void PerformanceLoggingLogsEveryRequestAtDebugAndReloadSwitchesIt()
    {
        using var daemon = WithConfig("{\"monitoring\":{\"performance_logging\":true}}", out var config);
        using var client = daemon.Connect();
        client.Result("ping");
        Assert.True(daemon.WaitForStderr("request: ping took", TimeSpan.FromSeconds(10)), daemon.Stderr);

        File.WriteAllText(config, "{\"monitoring\":{\"performance_logging\":false}}");
        Reload(daemon, 1);
        client.Result("version");
        client.Result("ping");
        Assert.DoesNotContain("request: version took", daemon.Stderr);
    }

    [Fact]
    public void MetricsIntervalWritesAPeriodicLineAndZeroStopsIt()
    {
        using var daemon = WithConfig("{\"monitoring\":{\"metrics_interval_ms\":100}}", out var config);
        using var client = daemon.Connect();
        client.Result("ping");
        Assert.True(daemon.WaitForStderr("metrics: uptime", TimeSpan.FromSeconds(10)), daemon.Stderr);
        Assert.Matches(@"requests \d+ \(0 errors\)", daemon.Stderr);

        File.WriteAllText(config, "{\"monitoring\":{\"metrics_interval_ms\":0}}");
        Reload(daemon, 1);
        Thread.Sleep(300);
        var lines = daemon.Stderr.Split("metrics: uptime").Length;
        Thread.Sleep(1000);
        Assert.Equal(lines, daemon.Stderr.Split("metrics: uptime").Length);
    }

    [Fact]
    public void LogFormatJsonWritesOneJsonObjectPerLine()
    {
        using var daemon = WithConfig("{\"monitoring\":{\"log_format\":\"json\"}}", out _);
        Assert.True(daemon.WaitForStderr("listening on", TimeSpan.FromSeconds(10)), daemon.Stderr);
        var lines = daemon.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
        }
    }

    [Fact]
    public void UnderSystemdTextLinesCarryJournaldPriorities()
    {
        using var daemon = WithConfig("{}", out _, new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        Assert.True(daemon.WaitForStderr("listening on", TimeSpan.FromSeconds(10)), daemon.Stderr);
        Assert.Contains(daemon.Stderr.Split('\n'), line => line.StartsWith("<6>", StringComparison.Ordinal) && line.Contains("listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrometheusEndpointServesTheRequestCounterAndItMoves()
    {
        var port = DaemonProcess.FreePort();
        using var daemon = WithConfig($"{{\"monitoring\":{{\"prometheus\":\"127.0.0.1:{port}\"}}}}", out _);
        using var client = daemon.Connect();
        client.Result("ping");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var url = $"http://127.0.0.1:{port}/metrics";
        var before = PingCount(await http.GetStringAsync(url));
        for (var i = 0; i < 3; i++) client.Result("ping");
        var text = await http.GetStringAsync(url);
        Assert.Equal(before + 3, PingCount(text));
        Assert.Contains("# TYPE goxel_requests_total counter", text);
        Assert.Matches(@"goxel_memory_rss_bytes \d+", text);
        Assert.Contains("goxel_connections_open{transport=\"unix\"} 1", text);
        Assert.Matches(@"goxel_request_duration_milliseconds\{method=""ping"",quantile=""0\.5""\} [0-9.E-]+", text);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/other")).StatusCode);
    }

    private static long PingCount(string scrape)
    {
        var match = PingLine().Match(scrape);
        Assert.True(match.Success, scrape);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^goxel_requests_total\\{method=\"ping\"\\} (\\d+)$", RegexOptions.Multiline)]
    private static partial Regex PingLine();

    [Fact]
    public void PrometheusRefusesANonLoopbackAddressWithoutAllowRemote()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "p.json");
        File.WriteAllText(config, "{\"monitoring\":{\"prometheus\":\"0.0.0.0:9\"}}");
        var socket = Path.Combine(dir, "p.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("refusing to listen on non-loopback 0.0.0.0", daemon.Stderr);
    }
}
