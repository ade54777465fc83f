using System.Diagnostics;
using System.Text.Json;

namespace Goxel.Bench;

/// <summary>
/// What an execute_script costs (issue 11, scripts in a process of their own): the median time of
/// a script that does nothing, once right after the one before and once after a pause (a spare
/// process ready), and of scripts that make many calls that return nothing (setVoxel), many that
/// return a value (getVoxel), and one large fillBox.
/// </summary>
internal static class ScriptCallBench
{
    public static void Run(string socket)
    {
        using var client = new LineClient(socket);
        var project = ScriptReadBench.CreateProject(client, "script-calls");
        void Report(string what, string script, int runs, int pauseMs)
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                Thread.Sleep(pauseMs);
                var t = Stopwatch.GetTimestamp();
                var answer = ScriptReadBench.Call(client, "goxel.execute_script",
                    $"{{\"project_id\":\"{project}\",\"timeout_ms\":60000,\"script\":{JsonSerializer.Serialize(script)}}}");
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (!answer.Contains("\"success\":true", StringComparison.Ordinal)) throw new InvalidOperationException(answer);
            }
            times.Sort();
            Console.WriteLine($"{what}: median_ms={times[times.Count / 2]:F2} runs={runs}");
        }
        Report("1+1, back to back", "1+1", 21, 0);
        Report("1+1, 200 ms after the one before", "1+1", 11, 200);
        Report("100,000 setVoxel", "for (var i = 0; i < 100000; i++) goxel.setVoxel(i % 100, (i / 100 | 0) % 100, i / 10000 | 0, [1,2,3,255]); 0", 5, 200);
        Report("10,000 getVoxel", "var n = 0; for (var i = 0; i < 10000; i++) if (goxel.getVoxel(i % 100, (i / 100 | 0) % 100, 0)) n++; n", 5, 200);
        Report("fillBox 64^3", "goxel.fillBox(0, 0, 0, 63, 63, 63, [9,9,9,255])", 5, 200);
        ScriptReadBench.Call(client, "goxel.close_project", $"{{\"project_id\":\"{project}\"}}");
    }
}
