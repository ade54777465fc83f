using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goxel.Client;

namespace Goxel.Cli.Commands;

/// <summary>`goxel call METHOD [JSON]`: one request; prints the result, or the error and exits 1.</summary>
internal static class CallCommand
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true };

    public static Command Create()
    {
        var method = new Argument<string>("method") { Description = "method name, e.g. goxel.get_project_info" };
        method.CompletionSources.Add(MethodNames.Suggest);
        var parameters = new Argument<string?>("params") { Description = "params as JSON (an object or an array)", Arity = ArgumentArity.ZeroOrOne };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for the answer", DefaultValueFactory = _ => 30 };
        var command = new Command("call", "send one JSON-RPC request to the daemon and print its result") { method, parameters, timeout };
        command.SetAction(async (result, cancel) =>
        {
            JsonNode? node;
            try
            {
                node = result.GetValue(parameters) is { } text ? JsonNode.Parse(text) : null;
            }
            catch (JsonException ex)
            {
                await Console.Error.WriteLineAsync($"goxel: params are not valid JSON: {ex.Message}");
                return 2;
            }
            try
            {
                await using var client = new GoxelDaemonClient(DaemonEndpoint.Options(result, TimeSpan.FromSeconds(result.GetValue(timeout))));
                await client.ConnectAsync(cancel);
                var answer = await client.CallAsync(result.GetValue(method)!, node, cancel);
                await using var stdout = Console.OpenStandardOutput();
                using (var writer = new Utf8JsonWriter(stdout, Pretty)) answer.WriteTo(writer);
                Console.WriteLine();
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
