using System.Collections.Concurrent;

namespace Goxel.Client.Tests;

/// <summary>
/// A fact that is skipped with "daemon method not implemented yet" while the daemon under test
/// answers the method with -32601 or -32603 "Not implemented yet", and runs once it has it.
/// Probed once per method against a scratch daemon during discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DaemonMethodFactAttribute : FactAttribute
{
    private static readonly ConcurrentDictionary<string, bool> Known = new();
    private static readonly Lazy<TestDaemon> ProbeDaemon = new(() =>
    {
        var daemon = TestDaemon.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => daemon.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return daemon;
    });

    /// <summary>Skips unless the daemon implements <paramref name="method"/>.</summary>
    public DaemonMethodFactAttribute(string method)
    {
        if (!Known.GetOrAdd(method, Probe)) Skip = $"daemon method not implemented yet: {method}";
    }

    private static bool Probe(string method)
    {
        var client = new GoxelDaemonClient(ProbeDaemon.Value.Options);
        try
        {
            client.ConnectAsync().GetAwaiter().GetResult();
            client.CallAsync(method, new System.Text.Json.Nodes.JsonObject()).GetAwaiter().GetResult();
            return true;
        }
        catch (GoxelRpcException e)
        {
            return !e.IsNotImplemented;
        }
        finally
        {
            client.DisconnectAsync().GetAwaiter().GetResult();
        }
    }
}
