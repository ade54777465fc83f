using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Goxel.Bench;

/// <summary>
/// Issue 10's "a script's project stays readable while it runs": one connection runs a script
/// that edits the project and then spins until its time limit; a second connection reads a voxel
/// of the same project in a loop meanwhile. Prints the read latency percentiles, first of the same
/// reads with no script running (the anchor), and checks that every read saw the last committed
/// state, never the script's uncommitted edit.
/// </summary>
internal static class ScriptReadBench
{
    public static int Run(string socket, int seconds)
    {
        using var reader = new LineClient(socket);
        var project = CreateProject(reader, "script-reads");
        Call(reader, "goxel.add_voxel", $"{{\"project_id\":\"{project}\",\"x\":1,\"y\":1,\"z\":1,\"color\":[10,20,30,255]}}");

        var get = Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxel\",\"params\":{{\"project_id\":\"{project}\",\"x\":1,\"y\":1,\"z\":1}},\"id\":2}}\n");
        // The anchor: the same reads with no script running, in the same run.
        var (quiet, _) = Reads(reader, get, seconds);
        Report("get_voxel, no script running", quiet);

        using var scripting = new LineClient(socket);
        var timeout = (seconds + 2) * 1000;
        scripting.Send(Encoding.UTF8.GetBytes(
            $"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{{\"project_id\":\"{project}\",\"timeout_ms\":{timeout},"
            + "\"script\":\"goxel.setVoxel(1,1,1,[200,0,0,255]); for (;;) {}\"},\"id\":1}\n"));
        // Let the script start and take the project's lock before the reads begin.
        Thread.Sleep(300);
        var (during, stale) = Reads(reader, get, seconds);
        Report("get_voxel during execute_script", during);
        Console.WriteLine($"reads that did not see the last committed state: {stale}");
        var answer = scripting.ReadLineText();
        Console.WriteLine($"script answer: {(answer.Length > 160 ? answer[..160] + "..." : answer)}");
        Call(reader, "goxel.close_project", $"{{\"project_id\":\"{project}\"}}");
        return stale == 0 ? 0 : 1;
    }

    /// <summary>Reads the voxel in a loop for <paramref name="seconds"/>: latencies in ms, and how many answers were not its committed colour.</summary>
    private static (List<double> Samples, int Stale) Reads(LineClient reader, byte[] get, int seconds)
    {
        var samples = new List<double>();
        var stale = 0;
        var end = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < end)
        {
            var t = Stopwatch.GetTimestamp();
            reader.Send(get);
            var line = reader.ReadLineText();
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (!line.Contains("[10,20,30,255]", StringComparison.Ordinal)) stale++;
        }
        samples.Sort();
        return (samples, stale);
    }

    private static void Report(string what, List<double> samples)
    {
        double At(double q) => samples[Math.Min(samples.Count - 1, (int)(samples.Count * q))];
        Console.WriteLine($"{what}: n={samples.Count} p50_ms={At(0.50):F3} p99_ms={At(0.99):F3} p99.9_ms={At(0.999):F3} max_ms={samples[^1]:F3}");
    }

    /// <summary>Creates a project named <paramref name="name"/>; returns its id.</summary>
    internal static string CreateProject(LineClient client, string name) =>
        JsonDocument.Parse(Call(client, "goxel.create_project", $"{{\"name\":\"{name}\"}}")).RootElement.GetProperty("result").GetProperty("project_id").GetString()!;

    internal static string Call(LineClient client, string method, string parameters)
    {
        client.Send(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":0}}\n"));
        var line = client.ReadLineText();
        if (line.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException(line);
        return line;
    }
}
