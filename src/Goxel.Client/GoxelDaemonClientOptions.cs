namespace Goxel.Client;

/// <summary>How to reach the daemon and how patient to be.</summary>
public sealed record GoxelDaemonClientOptions
{
    /// <summary>The daemon's default socket.</summary>
    public const string DefaultSocketPath = "/tmp/goxel-daemon.sock";

    /// <summary>Unix socket path; ignored when <see cref="TcpHost"/> is set.</summary>
    public string SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>TCP host of the daemon's opt-in <c>--tcp</c> listener; null means the Unix socket.</summary>
    public string? TcpHost { get; init; }

    /// <summary>TCP port.</summary>
    public int TcpPort { get; init; } = 8080;

    /// <summary>
    /// The daemon's shared TCP token, sent as the first message on a TCP connection; null means
    /// $GOXEL_TOKEN. Unused on the Unix socket, whose file mode already says who may connect.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>
    /// Speak TLS on the TCP connection (the daemon's <c>server.tls_certificate</c>); the server
    /// certificate is checked against <see cref="TlsCaFile"/>, else the system's trusted roots,
    /// and must name <see cref="TcpHost"/>. Unused on the Unix socket.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>PEM file of the certificates trusted for <see cref="Tls"/> instead of the system's roots (a private CA, or the daemon's self-signed certificate itself).</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>Reconnect with exponential backoff after the connection drops.</summary>
    public bool AutoReconnect { get; init; }

    /// <summary>Per-call timeout (also bounds connecting); <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; doubles per failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Give up after this many failed attempts in a row.</summary>
    public int MaxReconnectAttempts { get; init; } = int.MaxValue;

    /// <summary>"unix:PATH" or "tcp://HOST:PORT", for messages.</summary>
    public string Endpoint => TcpHost is null ? SocketPath : $"{(Tls ? "tls" : "tcp")}://{TcpHost}:{TcpPort}";
}
