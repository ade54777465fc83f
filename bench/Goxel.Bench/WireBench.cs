using System.Diagnostics;
using System.Net.Sockets;

namespace Goxel.Bench;

/// <summary>
/// Wire benchmarks over a Unix socket, one client for every server kind (see
/// <see cref="WireRequests"/>): sequential round trips, and pipelined requests/s over many
/// connections with a bounded or unbounded pipeline.
/// </summary>
internal static class WireBench
{
    /// <summary>Prints p50/p99 of <paramref name="count"/> sequential round trips after 2,000 warm-up calls.</summary>
    public static void Latency(string socket, string kind, int count)
    {
        using var client = new LineClient(socket);
        // Every request writes a cell of its own, so none is an edit that changes nothing (which
        // commits no undo step and writes no journal record).
        var requests = Enumerable.Range(0, 2000 + count).Select(i => WireRequests.For(kind, i)).ToArray();
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

    /// <summary>
    /// Each of <paramref name="connections"/> connections sends <paramref name="count"/> requests
    /// <paramref name="depth"/> at a time (one write), then reads their answers before the next
    /// group, as redis-benchmark -P does; a thread per connection. Prints requests/s.
    /// </summary>
    public static void Window(string socket, string kind, int connections, int count, int depth)
    {
        // Each connection writes cells (or keys) of its own, so every request is a real edit.
        var groups = Enumerable.Range(0, connections).Select(c => Enumerable.Range(0, (count + depth - 1) / depth).Select(g =>
        {
            var size = Math.Min(depth, count - g * depth);
            return (Count: size, Bytes: Enumerable.Range(c * count + g * depth, size).SelectMany(i => WireRequests.For(kind, i)).ToArray());
        }).ToArray()).ToArray();
        var sockets = Enumerable.Range(0, connections).Select(_ => Connect(socket)).ToArray();
        using var ready = new Barrier(connections + 1);
        var threads = sockets.Select((s, c) => new Thread(() =>
        {
            var buffer = new byte[1 << 16];
            ready.SignalAndWait();
            foreach (var group in groups[c])
            {
                Send(s, group.Bytes);
                // One answer line per request (a RESP request spans several lines; its reply does not).
                var expected = group.Count;
                while (expected > 0)
                {
                    var n = s.Receive(buffer);
                    if (n == 0) throw new EndOfStreamException("server closed the connection");
                    expected -= buffer.AsSpan(0, n).Count((byte)'\n');
                }
            }
        }) { IsBackground = true }).ToArray();
        foreach (var t in threads) t.Start();
        ready.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var t in threads) t.Join();
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var s in sockets) s.Dispose();
        Console.WriteLine($"requests_per_s={connections * count / seconds:F0} connections={connections} requests={connections * count} depth={depth}");
    }

    /// <summary>
    /// Each connection writes all <paramref name="count"/> add_voxel requests in 64 KiB pieces
    /// while a second thread reads the responses: an unbounded pipeline. Prints requests/s.
    /// Voxels are next to each other, or <paramref name="spacing"/> apart on every axis (16: each
    /// creates a block).
    /// </summary>
    public static void Stream(string socket, int connections, int count, int spacing = 1)
    {
        var payloads = Enumerable.Range(0, connections).Select(c => Enumerable.Range(c * count, count).SelectMany(i => WireRequests.AddVoxelSpaced(i, spacing)).ToArray()).ToArray();
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

    /// <summary>
    /// Opens <paramref name="count"/> connections that each make one call and stay open, and
    /// prints the server's RSS growth per connection (process <paramref name="pid"/>).
    /// </summary>
    public static void IdleConnections(string socket, string kind, int pid, int count)
    {
        var before = Rss(pid);
        var request = WireRequests.For(kind, 0);
        var buffer = new byte[4096];
        var sockets = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var s = Connect(socket);
                sockets.Add(s);
                Send(s, request);
                if (s.Receive(buffer) == 0) throw new EndOfStreamException($"connection {i} was closed");
            }
            // Let the server settle (threads started, buffers touched) before reading its RSS.
            Thread.Sleep(1000);
            var after = Rss(pid);
            Console.WriteLine($"bytes_per_connection={(after - before) / count} rss_before_kb={before / 1024} rss_after_kb={after / 1024} connections={count}");
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmRSS");
    }

    private static Socket Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static void Send(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) bytes = bytes[socket.Send(bytes)..];
    }
}
