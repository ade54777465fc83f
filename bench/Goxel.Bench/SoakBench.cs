using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;

namespace Goxel.Bench;

/// <summary>
/// `soak SOCKET PID SECONDS [CLIENTS]`: CLIENTS connections (100) for SECONDS, half editing a
/// project of their own and half one shared project, each sending one request at a time (a mix
/// of add_voxel, get_voxel, remove_voxel, a small region read and ping). Prints, per minute
/// (and for a last partial minute), requests, error replies, p50/p99/p99.9 latency and the
/// daemon's RSS. Each client formats its requests into one buffer and keeps its latencies in
/// arrays of floats, so the client's own garbage collections (they stop every client and count
/// in every latency) stay rare and short. The clients are asynchronous loops on the socket
/// engine, as redis-benchmark's are on its event loop: with a thread per client, 100 client
/// threads shared the 2 cores with the daemon's, and the time a client thread waited for a core
/// after its reply arrived counted as the daemon's latency (bench/soak/run runs the completions
/// on 4 engine threads).
/// </summary>
internal static class SoakBench
{
    private static readonly string[] Methods = ["add_voxel", "get_voxel", "remove_voxel", "get_voxels_region", "ping"];

    public static int Run(string socket, int pid, int seconds, int clients)
    {
        string Create(string name)
        {
            using var c = new LineClient(socket);
            c.Send(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":{{\"name\":\"{name}\"}},\"id\":0}}\n"));
            var line = c.ReadLineText();
            var at = line.IndexOf("\"project_id\":\"", StringComparison.Ordinal) + 14;
            return line[at..line.IndexOf('"', at)];
        }
        var shared = Create("shared");
        var minutes = (seconds + 59) / 60;
        var soakers = Enumerable.Range(0, clients).Select(i => new Soaker(i, i % 2 == 0 ? Create($"own{i}") : shared, minutes)).ToList();
        var start = Stopwatch.GetTimestamp();
        var end = start + seconds * Stopwatch.Frequency;
        var running = Task.WhenAll(soakers.Select(s => Task.Run(() => s.RunAsync(socket, start, end))));
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var rss = new Dictionary<int, string>();
        // The daemon's collections at the start of each minute and at the end: its pauses stop every
        // connection, so they are read beside the latencies.
        var daemonGc = new List<DaemonGc> { DaemonGc.Read(socket) };
        while (Stopwatch.GetTimestamp() < end)
        {
            Thread.Sleep(1000);
            var minute = (int)(Stopwatch.GetElapsedTime(start).TotalSeconds / 60);
            rss[minute] = Rss(pid);
            if (minute >= daemonGc.Count) daemonGc.Add(DaemonGc.Read(socket));
        }
        daemonGc.Add(DaemonGc.Read(socket));
        running.GetAwaiter().GetResult();
        var gc = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3,
            (GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds);

        Console.WriteLine("minute requests requests/s errors p50_ms p99_ms p99.9_ms rss daemon_gcs(gen0/1/2) daemon_gc_pause_ms");
        var totalErrors = 0L;
        for (var minute = 0; minute < minutes; minute++)
        {
            var lat = Sorted(soakers.SelectMany(s => s.Latencies(minute)));
            var errors = soakers.Sum(s => s.Errors[minute]);
            totalErrors += errors;
            var span = Math.Min(60, seconds - minute * 60);
            Console.WriteLine($"{minute + 1} {lat.Length} {lat.Length / Math.Max(1, span)} {errors} {P(lat, 0.5)} {P(lat, 0.99)} {P(lat, 0.999)} {rss.GetValueOrDefault(minute, Rss(pid))} {daemonGc[Math.Min(minute + 1, daemonGc.Count - 1)].Since(daemonGc[Math.Min(minute, daemonGc.Count - 1)])}");
        }
        // Which requests wait: a lock convoy shows on the shared project only, a pause of the whole
        // process (GC, scheduling) on pings too.
        Console.WriteLine("whole run by group: requests p50_ms p99_ms p99.9_ms max_ms");
        for (var which = 0; which < Methods.Length; which++)
            foreach (var own in which == 4 ? [true] : new[] { true, false })
            {
                var w = which;
                var lat = Sorted(soakers.Where(s => w == 4 || s.Own == own).SelectMany(s => s.Latencies(w, minutes)));
                var name = which == 4 ? "ping" : $"{(own ? "own" : "shared")} {Methods[which]}";
                Console.WriteLine($"  {name}: {lat.Length} {P(lat, 0.5)} {P(lat, 0.99)} {P(lat, 0.999)} {P(lat, 1)}");
            }
        // The client's own pauses count in every latency above: say how much they were.
        Console.WriteLine($"client GC: {gc.Item1} gen0, {gc.Item2} gen1, {gc.Item3} gen2, {gc.Item4:F0} ms paused in all; {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) >> 20} MB allocated");
        return totalErrors == 0 ? 0 : 1;
    }

    /// <summary>The daemon's collection counts and total pause, from goxel.get_performance_metrics.</summary>
    private readonly record struct DaemonGc(long Gen0, long Gen1, long Gen2, double PauseMs)
    {
        public static DaemonGc Read(string socket)
        {
            using var c = new LineClient(socket);
            c.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_performance_metrics\",\"id\":0}\n"u8);
            using var reply = System.Text.Json.JsonDocument.Parse(c.ReadLineText());
            var gc = reply.RootElement.GetProperty("result").GetProperty("gc");
            return new DaemonGc(gc.GetProperty("gen0").GetInt64(), gc.GetProperty("gen1").GetInt64(), gc.GetProperty("gen2").GetInt64(),
                gc.GetProperty("pause_total_ms").GetDouble());
        }

        public string Since(DaemonGc before) =>
            $"{Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} {PauseMs - before.PauseMs:F0}";
    }

    private static float[] Sorted(IEnumerable<ArraySegment<float>> parts)
    {
        var all = new float[parts.Sum(p => p.Count)];
        var at = 0;
        foreach (var part in parts)
        {
            part.AsSpan().CopyTo(all.AsSpan(at));
            at += part.Count;
        }
        Array.Sort(all);
        return all;
    }

    private static string P(float[] micros, double q) => micros.Length == 0 ? "-"
        : (micros[Math.Min(micros.Length - 1, (int)(q * micros.Length))] / 1000).ToString("F2", CultureInfo.InvariantCulture);

    private static string Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return line[6..].Trim().Replace(" ", "", StringComparison.Ordinal);
        return "?";
    }

    /// <summary>One client: its project, and its latencies in microseconds by minute and request kind.</summary>
    private sealed class Soaker(int index, string project, int minutes)
    {
        private readonly float[][][] _micros = Enumerable.Range(0, minutes).Select(_ => Enumerable.Range(0, Methods.Length).Select(_ => new float[1024]).ToArray()).ToArray();
        private readonly int[][] _counts = Enumerable.Range(0, minutes).Select(_ => new int[Methods.Length]).ToArray();

        public bool Own => index % 2 == 0;

        public long[] Errors { get; } = new long[minutes];

        public IEnumerable<ArraySegment<float>> Latencies(int minute) =>
            Enumerable.Range(0, Methods.Length).Select(which => new ArraySegment<float>(_micros[minute][which], 0, _counts[minute][which]));

        public IEnumerable<ArraySegment<float>> Latencies(int which, int minutes) =>
            Enumerable.Range(0, minutes).Select(minute => new ArraySegment<float>(_micros[minute][which], 0, _counts[minute][which]));

        public async Task RunAsync(string socketPath, long start, long end)
        {
            var random = new Random(index);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            var request = new byte[512];
            var replies = new byte[1 << 16];
            var error = "\"error\":"u8.ToArray();
            var id = 0;
            while (Stopwatch.GetTimestamp() is var now && now < end)
            {
                int x = random.Next(-32, 32), y = random.Next(-32, 32), z = random.Next(0, 32);
                var which = random.Next(Methods.Length);
                id++;
                int length;
                var formatted = which switch
                {
                    0 => Utf8.TryWrite(request, CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z},\"color\":[{index},2,3,255]}},\"id\":{id}}}\n", out length),
                    1 => Utf8.TryWrite(request, CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z}}},\"id\":{id}}}\n", out length),
                    2 => Utf8.TryWrite(request, CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.remove_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z}}},\"id\":{id}}}\n", out length),
                    3 => Utf8.TryWrite(request, CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxels_region\",\"params\":{{\"project_id\":\"{project}\",\"min\":[{x},{y},{z}],\"max\":[{x + 3},{y + 3},{z + 3}]}},\"id\":{id}}}\n", out length),
                    _ => Utf8.TryWrite(request, CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{id}}}\n", out length),
                };
                if (!formatted) throw new InvalidOperationException("request buffer too small");
                await socket.SendAsync(request.AsMemory(0, length), SocketFlags.None);
                // One request at a time, so the reply is the whole of what arrives up to its newline.
                var filled = 0;
                int newline;
                while ((newline = replies.AsSpan(0, filled).IndexOf((byte)'\n')) < 0)
                {
                    if (filled == replies.Length) Array.Resize(ref replies, replies.Length * 2);
                    var n = await socket.ReceiveAsync(replies.AsMemory(filled), SocketFlags.None);
                    if (n == 0) throw new EndOfStreamException("server closed the connection");
                    filled += n;
                }
                var micros = (float)Stopwatch.GetElapsedTime(now).TotalMicroseconds;
                var minute = (int)((now - start) / Stopwatch.Frequency / 60);
                if (replies.AsSpan(0, newline).IndexOf(error) >= 0) Errors[minute]++;
                ref var count = ref _counts[minute][which];
                ref var samples = ref _micros[minute][which];
                if (count == samples.Length) Array.Resize(ref samples, samples.Length * 2);
                samples[count++] = micros;
            }
        }
    }
}
