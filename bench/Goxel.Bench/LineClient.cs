using System.Net.Sockets;

namespace Goxel.Bench;

/// <summary>A minimal blocking client: writes request bytes, reads response lines.</summary>
internal sealed class LineClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;

    public LineClient(string socketPath)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _socket.Connect(new UnixDomainSocketEndPoint(socketPath));
    }

    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) bytes = bytes[_socket.Send(bytes)..];
    }

    /// <summary>Reads one line and returns its length (the bytes are discarded).</summary>
    public int ReadLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return newline;
            }
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            var n = _socket.Receive(_buffer.AsSpan(_end));
            if (n == 0) throw new EndOfStreamException("server closed the connection");
            _end += n;
        }
    }

    /// <summary>Reads one line; its bytes stay valid until the next read.</summary>
    public ReadOnlySpan<byte> ReadLineSpan()
    {
        var length = ReadLine();
        // ReadLine may have compacted the buffer: the line then starts at 0.
        return _buffer.AsSpan(_start - length - 1, length);
    }

    /// <summary>Reads one line as text.</summary>
    public string ReadLineText() => System.Text.Encoding.UTF8.GetString(ReadLineSpan());

    public void Dispose() => _socket.Dispose();
}
