namespace Goxel.Daemon.Monitoring;

/// <summary>The channel a client connected by.</summary>
public enum TransportKind
{
    /// <summary>The Unix socket.</summary>
    Unix,

    /// <summary>Plain TCP.</summary>
    Tcp,

    /// <summary>TLS over TCP.</summary>
    Tls,
}

/// <summary>
/// Connections by transport: open now, admitted since start, refused (by uid, HTTP, or failed
/// authentication). Counted by <see cref="Network.Admission"/>; a connection counted open is
/// counted closed when its transport is disposed.
/// </summary>
public sealed class ConnectionFigures
{
    /// <summary>
    /// The daemon process's connections. Process-wide like its RSS: the admission step that
    /// counts them is built by the socket server, outside the service container.
    /// </summary>
    public static ConnectionFigures Daemon { get; } = new();

    private readonly long[] _open = new long[3];
    private readonly long[] _total = new long[3];
    private readonly long[] _rejected = new long[3];

    /// <summary>A connection of <paramref name="kind"/> was admitted.</summary>
    public void Opened(TransportKind kind)
    {
        Interlocked.Increment(ref _open[(int)kind]);
        Interlocked.Increment(ref _total[(int)kind]);
    }

    /// <summary>An admitted connection of <paramref name="kind"/> closed.</summary>
    public void Closed(TransportKind kind) => Interlocked.Decrement(ref _open[(int)kind]);

    /// <summary>A connection of <paramref name="kind"/> was refused.</summary>
    public void Rejected(TransportKind kind) => Interlocked.Increment(ref _rejected[(int)kind]);

    /// <summary>Open now over <paramref name="kind"/>.</summary>
    public long Open(TransportKind kind) => Volatile.Read(ref _open[(int)kind]);

    /// <summary>Admitted since start over <paramref name="kind"/>.</summary>
    public long Total(TransportKind kind) => Volatile.Read(ref _total[(int)kind]);

    /// <summary>Refused since start over <paramref name="kind"/>.</summary>
    public long Refused(TransportKind kind) => Volatile.Read(ref _rejected[(int)kind]);

    // How many connections each event loop serves now (none without loops).
    private Func<int[]> _byLoop = static () => [];

    /// <summary>Reads the event loops' connection counts from <paramref name="counts"/> (the socket server's loops).</summary>
    public void CountLoops(Func<int[]> counts) => _byLoop = counts;

    /// <summary>Connections each event loop serves now, in loop order (those on a thread of their own for a while included).</summary>
    public int[] ByLoop => _byLoop();

    /// <summary>The three transports, in report order.</summary>
    public static IReadOnlyList<TransportKind> Kinds { get; } = [TransportKind.Unix, TransportKind.Tcp, TransportKind.Tls];

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string Name(TransportKind kind) => kind switch
    {
        TransportKind.Unix => "unix",
        TransportKind.Tcp => "tcp",
        _ => "tls",
    };
}
