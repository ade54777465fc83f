using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Goxel.Bench;

/// <summary>
/// `soak SOCKET PID SECONDS [CLIENTS]`: CLIENTS connections (100) for SECONDS, half editing a
/// project of their own and half one shared project, each sending one request at a time (a mix
/// of add_voxel, get_voxel, remove_voxel, a small region read and ping). Prints, per minute
/// (and for a last partial minute), requests, error replies, p50/p99/p99.9 latency and the
/// daemon's RSS.
/// </summary>
internal static class SoakBench
{
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
        var samples = new ConcurrentQueue<(int Minute, double Micros, bool Error, string Group)>();
        var start = Stopwatch.GetTimestamp();
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        var threads = Enumerable.Range(0, clients).Select(i => new Thread(() =>
        {
            var project = i % 2 == 0 ? Create($"own{i}") : shared;
            var random = new Random(i);
            using var client = new LineClient(socket);
            var id = 0;
            while (DateTime.UtcNow < end)
            {
                int x = random.Next(-32, 32), y = random.Next(-32, 32), z = random.Next(0, 32);
                var which = random.Next(5);
                var request = which switch
                {
                    0 => $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z},\"color\":[{i},2,3,255]}},\"id\":{++id}}}\n",
                    1 => $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z}}},\"id\":{++id}}}\n",
                    2 => $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.remove_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":{x},\"y\":{y},\"z\":{z}}},\"id\":{++id}}}\n",
                    3 => $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxels_region\",\"params\":{{\"project_id\":\"{project}\",\"min\":[{x},{y},{z}],\"max\":[{x + 3},{y + 3},{z + 3}]}},\"id\":{++id}}}\n",
                    _ => $"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{++id}}}\n",
                };
                var t = Stopwatch.GetTimestamp();
                client.Send(Encoding.UTF8.GetBytes(request));
                var reply = client.ReadLineText();
                var micros = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                var minute = (int)(Stopwatch.GetElapsedTime(start).TotalSeconds / 60);
                var group = which == 4 ? "ping" : $"{(i % 2 == 0 ? "own" : "shared")} {Methods[which]}";
                samples.Enqueue((minute, micros, reply.Contains("\"error\":", StringComparison.Ordinal), group));
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var rss = new Dictionary<int, string>();
        while (DateTime.UtcNow < end)
        {
            Thread.Sleep(1000);
            var minute = (int)(Stopwatch.GetElapsedTime(start).TotalSeconds / 60);
            rss[minute] = Rss(pid);
        }
        threads.ForEach(t => t.Join());
        var totalErrors = 0L;
        Console.WriteLine("minute requests requests/s errors p50_ms p99_ms p99.9_ms rss");
        foreach (var group in samples.GroupBy(s => s.Minute).OrderBy(g => g.Key))
        {
            var lat = group.Select(s => s.Micros).Order().ToArray();
            var errors = group.Count(s => s.Error);
            totalErrors += errors;
            var span = Math.Min(60, seconds - group.Key * 60);
            string P(double q) => (lat[Math.Min(lat.Length - 1, (int)(q * lat.Length))] / 1000).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"{group.Key + 1} {lat.Length} {lat.Length / Math.Max(1, span)} {errors} {P(0.5)} {P(0.99)} {P(0.999)} {rss.GetValueOrDefault(group.Key, Rss(pid))}");
        }
        // Which requests wait: a lock convoy shows on the shared project only, a pause of the whole
        // process (GC, scheduling) on pings too.
        Console.WriteLine("whole run by group: requests p50_ms p99_ms p99.9_ms max_ms");
        foreach (var group in samples.GroupBy(s => s.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var lat = group.Select(s => s.Micros).Order().ToArray();
            string P(double q) => (lat[Math.Min(lat.Length - 1, (int)(q * lat.Length))] / 1000).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"  {group.Key}: {lat.Length} {P(0.5)} {P(0.99)} {P(0.999)} {(lat[^1] / 1000).ToString("F2", CultureInfo.InvariantCulture)}");
        }
        // The client's own pauses count in every latency above: say how much they were.
        Console.WriteLine($"client GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms paused in all");
        return totalErrors == 0 ? 0 : 1;
    }

    private static readonly string[] Methods = ["add_voxel", "get_voxel", "remove_voxel", "get_voxels_region"];

    private static string Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return line[6..].Trim().Replace(" ", "", StringComparison.Ordinal);
        return "?";
    }
}
