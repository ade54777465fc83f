using System.CommandLine;
using System.Net.Sockets;
using Goxel.Client;

namespace Goxel.Cli.Commands;

/// <summary>--socket, --tcp, --token, --tls and --tls-ca, on every command; GOXEL_SOCKET and GOXEL_TOKEN are their defaults.</summary>
internal static class DaemonEndpoint
{
    public static readonly Option<string> Socket = new("--socket", "-s")
    {
        Description = "daemon Unix socket (default: $GOXEL_SOCKET, else /tmp/goxel-daemon.sock)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GOXEL_SOCKET") is { Length: > 0 } path ? path : GoxelDaemonClientOptions.DefaultSocketPath,
    };

    public static readonly Option<string?> Tcp = new("--tcp")
    {
        Description = "daemon TCP endpoint HOST:PORT instead of the socket",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "shared token of the daemon's TCP port (default: $GOXEL_TOKEN)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GOXEL_TOKEN") is { Length: > 0 } token ? token : null,
    };

    public static readonly Option<bool> Tls = new("--tls")
    {
        Description = "speak TLS to the daemon's TCP port (its server.tls_certificate); the certificate must name the --tcp host",
        Recursive = true,
    };

    public static readonly Option<string?> TlsCa = new("--tls-ca")
    {
        Description = "PEM file of the certificates to trust for --tls instead of the system's (a private CA or the daemon's self-signed certificate); implies --tls",
        Recursive = true,
    };

    /// <summary>Client options from the parsed command line.</summary>
    public static GoxelDaemonClientOptions Options(ParseResult result, TimeSpan? timeout = null)
    {
        var options = new GoxelDaemonClientOptions { SocketPath = result.GetValue(Socket)!, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        var caFile = result.GetValue(TlsCa);
        var tls = result.GetValue(Tls) || caFile is not null;
        if (result.GetValue(Tcp) is not { } tcp)
        {
            if (tls) throw new ArgumentException("--tls and --tls-ca need --tcp HOST:PORT: the Unix socket is never TLS");
            return options;
        }
        var colon = tcp.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(tcp.AsSpan(colon + 1), out var port))
            throw new ArgumentException($"--tcp wants HOST:PORT, got \"{tcp}\"");
        return options with { TcpHost = tcp[..colon], TcpPort = port, Token = result.GetValue(Token), Tls = tls, TlsCaFile = caFile };
    }

    /// <summary>
    /// What to tell the user about a failed call: "no daemon is listening at PATH" when the socket
    /// file is missing or nobody accepts on it, else the client's own message.
    /// </summary>
    public static string Explain(ParseResult result, GoxelException error)
    {
        if (error is not GoxelConnectionException || result.GetValue(Tcp) is not null || result.GetValue(Socket) is not { } path) return error.Message;
        var refused = error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable };
        return !File.Exists(path) || refused ? $"no daemon is listening at {path}" : error.Message;
    }
}
