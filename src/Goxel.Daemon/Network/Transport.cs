using System.Net.Sockets;
using Goxel.Daemon.Monitoring;

namespace Goxel.Daemon.Network;

/// <summary>
/// The byte channel under a connection: the socket itself, or TLS over it. Blocking calls on the
/// connection's own thread; every failure surfaces as a <see cref="SocketException"/>, so the
/// connection handles one kind whatever the channel.
/// </summary>
internal abstract class Transport(Socket socket) : IDisposable
{
    /// <summary>The connection's socket (timeouts, peer checks and shutdown act on it directly).</summary>
    public Socket Socket => socket;

    /// <summary>Readies the channel before the first byte is read; false when the client could not be served (then the caller closes it).</summary>
    public virtual bool Open() => true;

    /// <summary>Reads what has arrived, waiting for at least one byte; 0 at end of stream.</summary>
    public abstract int Receive(Span<byte> buffer);

    /// <summary>Like <see cref="Receive"/>, but the bytes are read again by the next receive.</summary>
    public abstract int Peek(Span<byte> buffer);

    /// <summary>Writes every byte.</summary>
    public abstract void Send(ReadOnlySpan<byte> bytes);

    private ConnectionFigures? _figures;
    private TransportKind _kind;

    /// <summary>Counts this connection open in <paramref name="figures"/> until it is disposed.</summary>
    public void CountOpen(ConnectionFigures figures, TransportKind kind)
    {
        _kind = kind;
        figures.Opened(kind);
        Volatile.Write(ref _figures, figures);
    }

    /// <summary>Closes the channel and its socket (and counts the connection closed, once).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _figures, null)?.Closed(_kind);
        Close();
    }

    /// <summary>Closes the channel and its socket.</summary>
    protected virtual void Close() => socket.Dispose();
}

/// <summary>Plain bytes straight on the socket: no stream, no copy, a system call per read and write.</summary>
internal sealed class SocketTransport(Socket socket) : Transport(socket)
{
    public override int Receive(Span<byte> buffer) => Socket.Receive(buffer, SocketFlags.None);

    public override int Peek(Span<byte> buffer) => Socket.Receive(buffer, SocketFlags.Peek);

    public override void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) bytes = bytes[Socket.Send(bytes)..];
    }
}
