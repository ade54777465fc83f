using System.CommandLine;
using Goxel.Cli.Commands;

namespace Goxel.Cli;

/// <summary>The `goxel` command: talk to a daemon, or work on files directly.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("goxel: talk to goxel-daemon, or render and convert voxel files directly")
        {
            DaemonEndpoint.Socket,
            DaemonEndpoint.Tcp,
            DaemonEndpoint.Token,
            DaemonEndpoint.Tls,
            DaemonEndpoint.TlsCa,
        };
        root.Subcommands.Add(CallCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        root.Subcommands.Add(McpCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(TopCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
