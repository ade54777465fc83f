using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Handlers;
using Goxel.Daemon.Storage;
using Goxel.Protocol;
using Goxel.Render;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goxel.Bench;

/// <summary>
/// The pieces of one pipelined request, timed in this process without sockets (Stopwatch over
/// many requests, best of 5 rounds): framing a buffer of add_voxel lines, parsing one with
/// JsonDocument, and the whole envelope (parse, dispatch, the method, the response line) for
/// ping, get_voxel and add_voxel on an in-memory project (every add_voxel an undo step, as on
/// the wire), and add_voxel again with the journal (storage.fsync everysec), next to each other
/// and each in a new block. Prints nanoseconds per request and bytes allocated per request.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class RequestPieces
{
    public static void Run(int count)
    {
        var lines = Enumerable.Range(0, count).Select(WireRequests.AddVoxel).ToArray();
        var stream = lines.SelectMany(l => l).ToArray();
        using var archive = new RenderArchive(RenderArchiveOptions.FromEnvironment());
        var output = new ResponseBuffer();
        var processor = WithProject(InProcessDaemon.CreateMethods(new DaemonSettings(), archive), output);

        Report("framing (MessageFramer.TryRead)", count, () =>
        {
            var framer = new MessageFramer(1 << 20);
            var buffer = new ReadOnlySequence<byte>(stream);
            while (framer.TryRead(ref buffer, out _, out _))
            {
            }
        });
        Report("JsonDocument.Parse of an add_voxel", count, () =>
        {
            foreach (var line in lines) JsonDocument.Parse(line.AsMemory()).Dispose();
        });
        var ping = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{i}}}")).ToArray();
        var get = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxel\",\"params\":[{i % 64},{i / 64 % 64},{i / 4096}],\"id\":{i}}}")).ToArray();
        Report("envelope + ping", count, () => ProcessAll(processor, ping, output));
        Report("envelope + get_voxel", count, () => ProcessAll(processor, get, output));
        AddVoxels("envelope + add_voxel", processor, count, output);
        AddVoxels("... each in a block of its own", processor, count, output, spacing: 16);
        // The same with the journal (storage.fsync everysec) in a temporary data directory: the
        // difference is the journal's own work per edit.
        var data = Directory.CreateTempSubdirectory("goxel-pieces-");
        try
        {
            using var directory = DataDirectory.Open(data.FullName);
            using var vault = new ProjectVault(directory, new StorageSettings(), NullLogger<ProjectVault>.Instance);
            var journaled = WithProject(InProcessDaemon.CreateMethods(new DaemonSettings(), archive, vault), output);
            AddVoxels("envelope + add_voxel, journal everysec", journaled, count, output);
            AddVoxels("... each in a block of its own, journaled", journaled, count, output, spacing: 16);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    // An envelope over methods with a project created (the current one the requests edit).
    private static RpcProcessor WithProject(IRpcMethodTable methods, ResponseBuffer output)
    {
        var processor = new RpcProcessor(methods);
        processor.Process(new ReadOnlySequence<byte>("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":[\"pieces\"],\"id\":0}"u8.ToArray()), output);
        output.Clear();
        return processor;
    }

    // Every round writes cells of its own, so each add_voxel is a real edit (an undo step): cells
    // next to each other as the wire benchmarks write them, or, 16 apart, one cell in each of as
    // many new blocks (scattered points: every edit creates a block).
    private static void AddVoxels(string piece, RpcProcessor processor, int count, ResponseBuffer output, int spacing = 1)
    {
        var round = 0;
        Report(piece, count, () =>
        {
            var first = ++round * count;
            var shifted = Enumerable.Range(0, count).Select(i => WireRequests.AddVoxelSpaced(first + i, spacing)).ToArray();
            var clock = Stopwatch.StartNew();
            ProcessAll(processor, shifted, output);
            return clock.Elapsed;
        });
    }

    private static void ProcessAll(RpcProcessor processor, byte[][] requests, ResponseBuffer output)
    {
        foreach (var request in requests)
        {
            processor.Process(new ReadOnlySequence<byte>(request), output);
            output.Clear();
        }
    }

    private static void Report(string piece, int count, Action work) => Report(piece, count, () =>
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed;
    });

    // Best of 5 rounds after one warm-up round; allocation measured over the best round's kind of work.
    private static void Report(string piece, int count, Func<TimeSpan> round)
    {
        round();
        var best = TimeSpan.MaxValue;
        long allocated = 0;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var elapsed = round();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (elapsed < best)
            {
                best = elapsed;
                allocated = bytes;
            }
        }
        Console.WriteLine($"{piece,-40} {best.TotalNanoseconds / count,8:F0} ns/request {allocated / (double)count,8:F0} B/request");
    }
}
