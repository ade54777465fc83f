using System.CommandLine;
using System.Diagnostics;
using Goxel.Client;
using Spectre.Console;

namespace Goxel.Cli.Commands;

/// <summary>`goxel top`: the daemon's metrics, refreshed in place (a Spectre.Console live display) until Ctrl+C.</summary>
internal static class TopCommand
{
    public static Command Create()
    {
        var interval = new Option<double>("--interval", "-n") { Description = "seconds between refreshes", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "stop after this many refreshes (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var command = new Command("top", "show the daemon's performance metrics live, refreshing, like htop") { interval, count };
        command.SetAction(async (result, cancel) =>
        {
            var period = TimeSpan.FromSeconds(result.GetValue(interval));
            if (period <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("goxel: --interval must be above 0 seconds");
                return 2;
            }
            var limit = result.GetValue(count);
            try
            {
                await using var client = new GoxelDaemonClient(DaemonEndpoint.Options(result));
                await client.ConnectAsync(cancel);
                var previous = await client.GetPerformanceMetricsAsync(cancel);
                var clock = Stopwatch.StartNew();
                await AnsiConsole.Live(MetricsView.Build(previous)).StartAsync(async live =>
                {
                    for (var shown = 0; limit == 0 || shown < limit; shown++)
                    {
                        await Task.Delay(period, cancel);
                        var sample = await client.GetPerformanceMetricsAsync(cancel);
                        live.UpdateTarget(MetricsView.Build(sample, previous, clock.Elapsed));
                        live.Refresh();
                        previous = sample;
                        clock.Restart();
                    }
                });
                return 0;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
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
