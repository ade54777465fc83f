namespace Goxel.Bench;

/// <summary>
/// Benchmark clients over a Unix socket: wire (<see cref="WireBench"/>), edits, durability and soak.
/// </summary>
// Unix sockets and the daemon's method table: the benchmarks run where the daemon does.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["latency", var socket, var count, ..var kind]:
                WireBench.Latency(socket, kind is [var k] ? k : "goxel", Number(count));
                return 0;
            case ["pipeline", var socket, var connections, var count, ..var spacing]:
                WireBench.Stream(socket, Number(connections), Number(count), spacing is [var s] ? Number(s) : 1);
                return 0;
            case ["connections", var socket, var kind, var pid, var count]:
                WireBench.IdleConnections(socket, kind, Number(pid), Number(count));
                return 0;
            case ["window", var socket, var kind, var connections, var count, var depth]:
                WireBench.Window(socket, kind, Number(connections), Number(count), Number(depth));
                return 0;
            case ["pieces", var count]:
                RequestPieces.Run(Number(count));
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
            case ["exposure", var socket, var seconds]:
                ExposureBench.Run(socket, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
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
            case ["script-reads", var socket, var seconds]:
                return ScriptReadBench.Run(socket, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
            case ["script-calls", var socket]:
                ScriptCallBench.Run(socket);
                return 0;
            case ["create", var socket]:
                using (var client = new LineClient(socket))
                {
                    client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":[\"bench\"],\"id\":0}\n"u8);
                    client.ReadLine();
                }
                return 0;
            default:
                Console.Error.WriteLine("usage: latency SOCKET N [goxel|echo|redis-set|redis-ping] | pipeline SOCKET CONNECTIONS N [SPACING: 16 puts each voxel in a block of its own] | window SOCKET KIND CONNECTIONS N DEPTH | connections SOCKET KIND PID N | edits SOCKET | batches SOCKET | recovery SOCKET | exposure SOCKET SECONDS | create SOCKET | soak SOCKET PID SECONDS [CLIENTS] | script-reads SOCKET SECONDS | script-calls SOCKET | reads SOCKET | pieces N");
                return 2;
        }
    }

    private static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
