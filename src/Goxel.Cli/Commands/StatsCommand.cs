using System.CommandLine;
using System.Text.Json;
using Goxel.Client;
using Spectre.Console;

namespace Goxel.Cli.Commands;

/// <summary>`goxel stats`: the daemon's performance metrics once, as tables or (--json) as the method returns them.</summary>
internal static class StatsCommand
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print goxel.get_performance_metrics' result as JSON instead of tables" };
        var command = new Command("stats", "print the daemon's performance metrics once (goxel.get_performance_metrics)") { json };
        command.SetAction(async (result, cancel) =>
        {
            try
            {
                await using var client = new GoxelDaemonClient(DaemonEndpoint.Options(result));
                await client.ConnectAsync(cancel);
                if (result.GetValue(json))
                {
                    var raw = await client.CallAsync("goxel.get_performance_metrics", null, cancel);
                    await using var stdout = Console.OpenStandardOutput();
                    using (var writer = new Utf8JsonWriter(stdout, Pretty)) raw.WriteTo(writer);
                    Console.WriteLine();
                    return 0;
                }
                AnsiConsole.Write(MetricsView.Build(await client.GetPerformanceMetricsAsync(cancel)));
                return 0;
            }
            catch (GoxelException ex)
            {
                await Console.Error.WriteLineAsync($"goxel: {DaemonEndpoint.Explain(result, ex)}");
                return 1;
            }
        });
        return command;
    }
}
