using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Goxel.Client;
using Spectre.Console;

namespace Goxel.Cli.Commands;

/// <summary>`goxel bench`: the seed guide's benchmark suite against a running daemon.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print the guide's BenchmarkResults as JSON instead of tables" };
        var quick = new Option<bool>("--quick") { Description = "fewer iterations and smaller renders (a smoke run)" };
        var command = new Command("bench", "run the seed guide's benchmark suite against a running daemon") { json, quick };
        command.SetAction(async (result, cancel) =>
        {
            var benchmark = new PerformanceBenchmark(DaemonEndpoint.Options(result));
            if (result.GetValue(quick))
                benchmark = new PerformanceBenchmark(DaemonEndpoint.Options(result))
                {
                    ConnectionIterations = 10,
                    SingleVoxelIterations = 100,
                    BatchSizes = [10, 100],
                    RenderSizes = [(64, 64)],
                    MemoryVoxelCount = 1000,
                };
            try
            {
                if (result.GetValue(json))
                {
                    var results = await benchmark.RunFullBenchmarkAsync(cancel);
                    Console.WriteLine(JsonSerializer.Serialize(results, BenchJson.Default.BenchmarkResults));
                    return 0;
                }
                var table = await AnsiConsole.Status().StartAsync("running the benchmark suite…", _ => benchmark.RunFullBenchmarkAsync(cancel));
                Show(table);
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

    private static void Show(BenchmarkResults r)
    {
        var summary = new Table().Title("goxel-daemon benchmark").AddColumn("measure").AddColumn(new TableColumn("result").RightAligned());
        summary.AddRow("connect (average)", $"{r.Connection.AverageTime:F3} ms ({r.Connection.Iterations} connections)");
        summary.AddRow("add_voxel (average)", $"{r.VoxelOperations.SingleVoxelOperations.AverageTime:F3} ms");
        summary.AddRow("add_voxel throughput", $"{r.VoxelOperations.SingleVoxelOperations.Throughput:N0} voxels/s");
        foreach (var batch in r.BatchOperations.Results)
            summary.AddRow($"batch of {batch.BatchSize:N0}", $"{batch.TotalTime:F2} ms, {batch.Throughput:N0} voxels/s");
        foreach (var render in r.Rendering.Results)
            summary.AddRow($"render {render.Width}x{render.Height}", $"{render.RenderTime:F1} ms (daemon {render.DaemonRenderTime:F1} ms)");
        if (r.Rendering.Skipped is { } why) summary.AddRow("render", $"skipped: {why}");
        summary.AddRow($"client memory for {r.Memory.VoxelCount:N0} voxels", $"{r.Memory.MemoryPerVoxel:F1} bytes/voxel");
        AnsiConsole.Write(summary);
    }
}

/// <summary>BenchmarkResults as the guide's TypeScript names them (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchmarkResults))]
internal sealed partial class BenchJson : JsonSerializerContext;
