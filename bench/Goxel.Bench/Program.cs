using System.Diagnostics;
using System.Text;

namespace Goxel.Bench;

/// <summary>
/// Wire benchmarks over a Unix socket. `latency SOCKET N` prints p50/p99 of sequential
/// add_voxel round trips; `pipeline SOCKET CONNECTIONS N` prints requests/s with every
/// connection writing N requests while it reads the responses.
/// </summary>
internal static class Program
{
    private static byte[] AddVoxel(int i) =>
        Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":[{i % 64},{i / 64 % 64},{i / 4096},255,0,0,255],\"id\":{i}}}\n");

    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["latency", var socket, var count]:
                Latency(socket, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case ["pipeline", var socket, var connections, var count]:
                Pipeline(socket, int.Parse(connections, System.Globalization.CultureInfo.InvariantCulture), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case ["edits", var socket]:
                EditBench.Run(socket);
                return 0;
            case ["batches", var socket]:
                EditBench.Batches(socket);
                return 0;
            case ["recovery", var socket]:
                EditBench.Recovery(socket);
                return 0;
            case ["reads", var socket]:
                ReadBench.Run(socket);
                return 0;
            case ["rss", var socket]:
                EditBench.Rss(socket);
                return 0;
            case ["soak", var socket, var pid, var seconds, ..var rest]:
                return SoakBench.Run(socket, int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture),
                    rest is [var clients] ? int.Parse(clients, System.Globalization.CultureInfo.InvariantCulture) : 100);
            case ["create", var socket]:
                using (var client = new LineClient(socket))
                {
                    client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":[\"bench\"],\"id\":0}\n"u8);
                    client.ReadLine();
                }
                return 0;
            default:
                Console.Error.WriteLine("usage: latency SOCKET N | pipeline SOCKET CONNECTIONS N | edits SOCKET | batches SOCKET | recovery SOCKET | reads SOCKET | create SOCKET | soak SOCKET PID SECONDS [CLIENTS]");
                return 2;
        }
    }

    private static void Latency(string socket, int count)
    {
        using var client = new LineClient(socket);
        // Every request writes a cell of its own, so none is an edit that changes nothing (which
        // commits no undo step and writes no journal record).
        var requests = Enumerable.Range(0, 2000 + count).Select(AddVoxel).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            client.Send(requests[i]);
            client.ReadLine();
        }
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var t = Stopwatch.GetTimestamp();
            client.Send(requests[2000 + i]);
            client.ReadLine();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        Array.Sort(samples);
        Console.WriteLine($"p50_us={samples[count / 2]:F1} p99_us={samples[count * 99 / 100]:F1} n={count}");
    }

    private static void Pipeline(string socket, int connections, int count)
    {
        // Each connection writes cells of its own, so every request is a real edit.
        var payloads = Enumerable.Range(0, connections).Select(c => Enumerable.Range(c * count, count).SelectMany(AddVoxel).ToArray()).ToArray();
        var clients = Enumerable.Range(0, connections).Select(_ => new LineClient(socket)).ToArray();
        using var ready = new Barrier(2 * connections + 1);
        var readers = clients.Select(c => new Thread(() =>
        {
            ready.SignalAndWait();
            for (var i = 0; i < count; i++) c.ReadLine();
        })).ToArray();
        var writers = clients.Select((c, k) => new Thread(() =>
        {
            var payload = payloads[k];
            ready.SignalAndWait();
            // Write in 64 KiB pieces, as a real pipelining client would.
            for (var off = 0; off < payload.Length; off += 65536) c.Send(payload.AsSpan(off, Math.Min(65536, payload.Length - off)));
        })).ToArray();
        foreach (var t in readers.Concat(writers)) t.Start();
        var clock = Stopwatch.StartNew();
        ready.SignalAndWait();
        clock.Restart();
        foreach (var t in readers) t.Join();
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var t in writers) t.Join();
        foreach (var c in clients) c.Dispose();
        Console.WriteLine($"requests_per_s={connections * count / seconds:F0} connections={connections} requests={connections * count}");
    }
}
