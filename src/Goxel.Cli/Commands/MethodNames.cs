using System.CommandLine.Completions;
using System.Text.Json;
using Goxel.Client;

namespace Goxel.Cli.Commands;

/// <summary>
/// Completes `goxel call METHOD` with the names the daemon itself lists (list_methods), so the
/// suggestions are exactly what it serves. Without a reachable daemon there is nothing to suggest.
/// </summary>
internal static class MethodNames
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static IEnumerable<CompletionItem> Suggest(CompletionContext context)
    {
        List<string> names;
        try
        {
            names = ListAsync(DaemonEndpoint.Options(context.ParseResult, Patience)).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is GoxelException or ArgumentException or KeyNotFoundException or InvalidOperationException or OperationCanceledException)
        {
            return [];
        }
        return names.Where(n => n.StartsWith(context.WordToComplete, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n => new CompletionItem(n));
    }

    private static async Task<List<string>> ListAsync(GoxelDaemonClientOptions options)
    {
        await using var client = new GoxelDaemonClient(options);
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(timeout.Token);
        var answer = await client.CallAsync("list_methods", null, timeout.Token);
        return [.. answer.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()).OfType<string>()];
    }
}
