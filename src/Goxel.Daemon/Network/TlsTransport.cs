using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// TLS over a TCP socket, the daemon as server. The handshake runs on the connection's thread
/// under a timeout, so a silent client or one that does not speak TLS cannot hold a slot.
/// </summary>
internal sealed class TlsTransport(Socket socket, TlsCredentials credentials, ILogger logger) : Transport(socket)
{
    // Long enough for a slow network, short enough that a silent client soon frees its slot.
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly SslStream _stream = new(new NetworkStream(socket, ownsSocket: true));

    // What a peek read ahead, handed out again by the next receives.
    private byte[] _ahead = [];
    private int _aheadStart;

    public override bool Open()
    {
        var peer = Socket.RemoteEndPoint?.ToString() ?? "?";
        var timeout = (int)HandshakeTimeout.TotalMilliseconds;
        Socket.ReceiveTimeout = timeout;
        Socket.SendTimeout = timeout;
        try
        {
            _stream.AuthenticateAsServer(credentials.ServerOptions());
            logger.LogDebug("tcp client {Peer}: {Protocol} with {Cipher}", peer, _stream.SslProtocol, _stream.NegotiatedCipherSuite);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException)
        {
            logger.LogWarning("tcp client {Peer}: TLS handshake failed ({Reason}); this port speaks TLS only", peer, ex.Message);
            return false;
        }
        finally
        {
            Socket.ReceiveTimeout = 0;
            Socket.SendTimeout = 0;
        }
    }

    public override int Receive(Span<byte> buffer)
    {
        if (_aheadStart < _ahead.Length)
        {
            var n = Math.Min(buffer.Length, _ahead.Length - _aheadStart);
            _ahead.AsSpan(_aheadStart, n).CopyTo(buffer);
            _aheadStart += n;
            return n;
        }
        try
        {
            return _stream.Read(buffer);
        }
        catch (IOException ex)
        {
            throw Failure(ex);
        }
    }

    public override int Peek(Span<byte> buffer)
    {
        if (_aheadStart == _ahead.Length)
        {
            var chunk = new byte[buffer.Length];
            var n = Receive(chunk);
            _ahead = chunk[..n];
            _aheadStart = 0;
        }
        var available = Math.Min(buffer.Length, _ahead.Length - _aheadStart);
        _ahead.AsSpan(_aheadStart, available).CopyTo(buffer);
        return available;
    }

    public override void Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _stream.Write(bytes);
        }
        catch (IOException ex)
        {
            throw Failure(ex);
        }
    }

    protected override void Close() => _stream.Dispose();

    /// <summary>The socket error under a stream failure (a timeout stays a timeout); a broken TLS record counts as a reset.</summary>
    private static SocketException Failure(IOException ex)
    {
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socketError) return socketError;
        }
        return new SocketException((int)SocketError.ConnectionReset);
    }
}
