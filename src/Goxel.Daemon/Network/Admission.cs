using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Monitoring;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// Decides whether a new connection may talk to the daemon, on the connection's own thread.
/// Unix socket: the peer's uid (SO_PEERCRED) is logged and checked against server.allowed_uids.
/// TCP: anything that looks like HTTP is refused (a web page must not drive the daemon), and
/// unless server.tcp_auth is "none", the first line must be an auth call with the shared token.
/// </summary>
internal sealed class Admission(CurrentSettings current, TcpToken token, ILogger logger)
{
    /// <summary>JSON-RPC error code of a refused or failed authentication.</summary>
    public const int Unauthorized = -32001;

    // Longest first line read before authentication: a token call is far shorter.
    private const int MaxAuthLine = 4096;

    // How long a TCP client has to authenticate, and how long a failure waits before its answer
    // (it slows guessing to one try per second per connection slot).
    private static readonly TimeSpan AuthTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(1);

    private static readonly string[] HttpMethods = ["GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "];

    /// <summary>True when the connection may go on; otherwise the client was told why and the caller closes it.</summary>
    public bool Admit(Transport transport)
    {
        var settings = current.Value;
        var kind = KindOf(transport);
        var admitted = kind == TransportKind.Unix ? AdmitLocal(transport, settings) : AdmitTcp(transport, settings);
        if (!settings.Monitoring.EnableMetrics) return admitted;
        if (admitted) transport.CountOpen(ConnectionFigures.Daemon, kind);
        else ConnectionFigures.Daemon.Rejected(kind);
        return admitted;
    }

    /// <summary>Counts a connection refused before admission: one past daemon.max_connections, or a failed TLS handshake.</summary>
    public void Refused(Transport transport)
    {
        if (current.Value.Monitoring.EnableMetrics) ConnectionFigures.Daemon.Rejected(KindOf(transport));
    }

    private static TransportKind KindOf(Transport transport) =>
        transport.Socket.AddressFamily == AddressFamily.Unix ? TransportKind.Unix : transport is TlsTransport ? TransportKind.Tls : TransportKind.Tcp;

    private bool AdmitLocal(Transport transport, DaemonSettings settings)
    {
        var socket = transport.Socket;
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        const int SolSocket = 1, SoPeerCred = 17;
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        var pid = length >= 12 ? BitConverter.ToInt32(credentials) : -1;
        var uid = length >= 12 ? BitConverter.ToInt32(credentials[4..]) : -1;
        if (settings.AllowedUids is { } allowed && !allowed.Contains(uid))
        {
            logger.LogWarning("unix client refused: uid {Uid} (pid {Pid}) is not in server.allowed_uids", uid, pid);
            Send(transport, Error($"Forbidden: uid {uid} is not allowed (server.allowed_uids)", null));
            return false;
        }
        logger.LogInformation("unix client connected: uid {Uid}, pid {Pid}", uid, pid);
        return true;
    }

    private bool AdmitTcp(Transport transport, DaemonSettings settings)
    {
        var socket = transport.Socket;
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        var previousTimeout = socket.ReceiveTimeout;
        if (settings.TcpAuth == TcpAuth.None)
        {
            // A client that stays silent is not HTTP; the connection's idle timeout takes over.
            socket.ReceiveTimeout = (int)AuthTimeout.TotalMilliseconds;
            var start = Peek(transport);
            socket.ReceiveTimeout = previousTimeout;
            return !LooksLikeHttp(start) || RefuseHttp(transport, peer);
        }
        string line;
        try
        {
            socket.ReceiveTimeout = (int)AuthTimeout.TotalMilliseconds;
            line = ReadLine(transport);
        }
        catch (SocketException)
        {
            logger.LogWarning("tcp client {Peer}: no authentication within {Seconds} s", peer, AuthTimeout.TotalSeconds);
            return false;
        }
        finally
        {
            socket.ReceiveTimeout = previousTimeout;
        }
        if (LooksLikeHttp(line)) return RefuseHttp(transport, peer);
        var (id, offered) = ParseAuth(line);
        if (offered is not null && token.Matches(offered))
        {
            logger.LogInformation("tcp client {Peer} authenticated", peer);
            Send(transport, $"{{\"jsonrpc\":\"2.0\",\"result\":{{\"authenticated\":true}},\"id\":{id ?? "null"}}}\n");
            return true;
        }
        logger.LogWarning("tcp client {Peer}: authentication failed ({Reason})", peer, offered is null ? "the first message is not an auth call" : "wrong token");
        Thread.Sleep(FailureDelay);
        Send(transport, Error(offered is null
            ? "Unauthorized: the first message on TCP must be {\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{\"token\":\"...\"},\"id\":1}"
            : "Unauthorized: wrong token", id));
        return false;
    }

    private bool RefuseHttp(Transport transport, string peer)
    {
        logger.LogWarning("tcp client {Peer} refused: HTTP is not spoken on this port", peer);
        Send(transport, "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 46\r\nConnection: close\r\n\r\ngoxel-daemon speaks JSON-RPC lines, not HTTP.\n");
        return false;
    }

    private static bool LooksLikeHttp(string start) => HttpMethods.Any(m => start.StartsWith(m, StringComparison.Ordinal)) || start.StartsWith("PRI * HTTP", StringComparison.Ordinal);

    /// <summary>The first bytes a client sent, without consuming them: enough to tell an HTTP method from JSON.</summary>
    private static string Peek(Transport transport)
    {
        var buffer = new byte[16];
        try
        {
            for (var tries = 0; tries < 100; tries++)
            {
                var n = transport.Peek(buffer);
                if (n == 0) return "";
                var text = Encoding.ASCII.GetString(buffer, 0, n);
                // JSON starts with a bracket; an HTTP request line with a method and a space.
                if (n == buffer.Length || text.Contains(' ', StringComparison.Ordinal) || text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[')) return text;
                Thread.Sleep(10);
            }
        }
        catch (SocketException)
        {
            // Closed or reset: the connection ends on its first read anyway.
        }
        return "";
    }

    /// <summary>Reads one line byte by byte, so nothing after it is taken from the connection's own reader.</summary>
    private static string ReadLine(Transport transport)
    {
        var line = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (line.Count < MaxAuthLine)
        {
            if (transport.Receive(one) == 0 || one[0] == (byte)'\n') break;
            line.Add(one[0]);
        }
        return Encoding.UTF8.GetString([.. line]);
    }

    /// <summary>The request id (as JSON text) and the token of an auth call; a null token when the line is not one.</summary>
    private static (string? Id, string? Token) ParseAuth(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idElement.GetRawText() : null;
            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "auth") return (id, null);
            if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
                || !parameters.TryGetProperty("token", out var offered) || offered.ValueKind != JsonValueKind.String)
                return (id, "");
            return (id, offered.GetString());
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Error(string message, string? id) =>
        $"{{\"jsonrpc\":\"2.0\",\"error\":{{\"code\":{Unauthorized},\"message\":{JsonSerializer.Serialize(message, SettingsJson.Default.String)}}},\"id\":{id ?? "null"}}}\n";

    private static void Send(Transport transport, string line)
    {
        try
        {
            transport.Send(Encoding.UTF8.GetBytes(line));
        }
        catch (SocketException)
        {
            // The peer left first; nothing to tell it.
        }
    }
}
