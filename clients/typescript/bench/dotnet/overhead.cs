// C# client overhead over a raw socket: sequential pings and 100,000 pipelined pings.
//   dotnet run clients/typescript/bench/dotnet/overhead.cs   (from the repo root, after scripts/build)
// Env: GOXEL_SOCKET (use a running daemon), GOXEL_DAEMON, SEQUENTIAL, PIPELINED, RUNS.
#:project ../../../../src/Goxel.Client/Goxel.Client.csproj
#:property PublishAot=false

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Goxel.Client;

var sequential = int.Parse(Environment.GetEnvironmentVariable("SEQUENTIAL") ?? "20000");
var pipelined = int.Parse(Environment.GetEnvironmentVariable("PIPELINED") ?? "100000");
var runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "5");

Process? daemon = null;
var socketPath = Environment.GetEnvironmentVariable("GOXEL_SOCKET");
if (socketPath is null)
{
    socketPath = Path.Combine(Path.GetTempPath(), $"goxel-bench-{Environment.ProcessId}.sock");
    var exe = Environment.GetEnvironmentVariable("GOXEL_DAEMON") ?? Path.GetFullPath("artifacts/bin/goxel-daemon");
    daemon = Process.Start(new ProcessStartInfo(exe, ["--socket", socketPath, "--data-dir", ""]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    for (var i = 0; i < 200 && !File.Exists(socketPath); i++) await Task.Delay(25);
    await Task.Delay(100);
}

try
{
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {runs} paired runs; method: ping");
    await RawSequential();
    var (rs, cs, sr) = await Paired(RawSequential, ClientSequential);
    Console.WriteLine($"sequential {sequential} calls: raw socket {rs * 1000 / sequential:F1} us/call, client {cs * 1000 / sequential:F1} us/call, client/raw x{sr:F2} (median of paired runs)");
    var (rp, cp, pr) = await Paired(RawPipelined, ClientPipelined);
    Console.WriteLine($"pipelined {pipelined} calls: raw socket {rp:F0} ms ({pipelined / rp * 1000:F0} calls/s), client {cp:F0} ms ({pipelined / cp * 1000:F0} calls/s), client/raw x{pr:F2}");
}
finally
{
    if (daemon is not null)
    {
        Process.Start("kill", ["-TERM", daemon.Id.ToString()])!.WaitForExit();
        daemon.WaitForExit(5000);
    }
}

// Raw and client alternate: on a shared, noisy machine the load drifts between runs, and pairing
// each client run with the raw run next to it cancels most of that.
async Task<(double Raw, double Client, double Ratio)> Paired(Func<Task<double>> raw, Func<Task<double>> client)
{
    var (r, c, ratio) = (new List<double>(), new List<double>(), new List<double>());
    for (var i = 0; i < runs; i++)
    {
        r.Add(await raw());
        c.Add(await client());
        ratio.Add(c[i] / r[i]);
    }
    static double Middle(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    return (Middle(r), Middle(c), Middle(ratio));
}

static byte[] Ping(long id) => Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{id}}}\n");

async Task<Socket> Raw()
{
    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath!));
    return socket;
}

async Task<double> RawSequential()
{
    using var socket = await Raw();
    var buffer = new byte[4096];
    var clock = Stopwatch.StartNew();
    for (var i = 1; i <= sequential; i++)
    {
        await socket.SendAsync(Ping(i));
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0 || buffer[n - 1] == (byte)'\n') break;
        }
    }
    return clock.Elapsed.TotalMilliseconds;
}

async Task<double> RawPipelined()
{
    using var socket = await Raw();
    var clock = Stopwatch.StartNew();
    var reader = Task.Run(async () =>
    {
        var buffer = new byte[256 * 1024];
        var lines = 0;
        while (lines < pipelined)
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0) break;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
    });
    var chunk = new MemoryStream();
    for (var i = 1; i <= pipelined; i++)
    {
        chunk.Write(Ping(i));
        if (chunk.Length >= 256 * 1024 || i == pipelined)
        {
            await socket.SendAsync(chunk.ToArray());
            chunk.SetLength(0);
        }
    }
    await reader;
    return clock.Elapsed.TotalMilliseconds;
}

async Task<double> ClientSequential()
{
    await using var client = new GoxelDaemonClient(new GoxelDaemonClientOptions { SocketPath = socketPath! });
    await client.ConnectAsync();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < sequential; i++) await client.PingAsync();
    return clock.Elapsed.TotalMilliseconds;
}

async Task<double> ClientPipelined()
{
    await using var client = new GoxelDaemonClient(new GoxelDaemonClientOptions { SocketPath = socketPath!, Timeout = TimeSpan.FromMinutes(2) });
    await client.ConnectAsync();
    var clock = Stopwatch.StartNew();
    var calls = new Task<PingResult>[pipelined];
    for (var i = 0; i < pipelined; i++) calls[i] = client.PingAsync();
    await Task.WhenAll(calls);
    return clock.Elapsed.TotalMilliseconds;
}
