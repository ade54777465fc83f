using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Sends raw bytes and reads raw response lines, as a wire-level test needs.</summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];
    private readonly byte[] _chunk = new byte[1 << 16];

    private RawClient(Socket socket)
    {
        _socket = socket;
        // A wedged test fails instead of hanging CI.
        _socket.ReceiveTimeout = 20_000;
        _socket.SendTimeout = 20_000;
    }

    /// <summary>Connects to a Unix socket.</summary>
    public static RawClient Unix(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return new RawClient(socket);
    }

    /// <summary>Connects over TCP.</summary>
    public static RawClient Tcp(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(endpoint);
        return new RawClient(socket);
    }

    /// <summary>Sends text as UTF-8 in one write.</summary>
    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends bytes in one write.</summary>
    public void Send(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Half-closes: the daemon sees end of stream but can still answer.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response line (without its newline).</summary>
    public string ReadLine()
    {
        while (true)
        {
            var newline = _pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, newline).ToArray());
                _pending.RemoveRange(0, newline + 1);
                return line;
            }
            var n = _socket.Receive(_chunk);
            if (n == 0) throw new EndOfStreamException("connection closed before a full line; got: " + Encoding.UTF8.GetString(_pending.ToArray()));
            _pending.AddRange(_chunk.AsSpan(0, n));
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (after what <see cref="ReadLine"/> read ahead).</summary>
    public byte[] Read(int count)
    {
        while (_pending.Count < count)
        {
            var n = _socket.Receive(_chunk);
            if (n == 0) throw new EndOfStreamException($"connection closed after {_pending.Count} of {count} bytes");
            _pending.AddRange(_chunk.AsSpan(0, n));
        }
        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>Reads a line and parses it.</summary>
    public JsonElement ReadJson() => JsonDocument.Parse(ReadLine()).RootElement;

    /// <summary>Sends one request with named or positional params and returns the whole response.</summary>
    public JsonElement Call(string method, object? parameters = null, int id = 1)
    {
        var request = parameters is null
            ? $"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"id\":{id}}}\n"
            : $"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{Json(parameters)},\"id\":{id}}}\n";
        Send(request);
        return ReadJson();
    }

    /// <summary>Sends a request and returns its "result", failing if an error came back.</summary>
    public JsonElement Result(string method, object? parameters = null)
    {
        var response = Call(method, parameters);
        if (response.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method} failed: {error}");
        return response.GetProperty("result");
    }

    /// <summary>Sends a request and returns its "error".</summary>
    public JsonElement Error(string method, object? parameters = null)
    {
        var response = Call(method, parameters);
        Assert.False(response.TryGetProperty("result", out _), $"expected an error from {method}, got {response}");
        return response.GetProperty("error");
    }

    /// <summary>True when nothing arrives within <paramref name="wait"/>.</summary>
    public bool IsSilentFor(TimeSpan wait)
    {
        if (_pending.Count > 0) return false;
        return !_socket.Poll((int)(wait.TotalMilliseconds * 1000), SelectMode.SelectRead);
    }

    /// <summary>True when the daemon closed the connection.</summary>
    public bool IsClosedByPeer()
    {
        if (!_socket.Poll(5_000_000, SelectMode.SelectRead)) return false;
        try
        {
            return _socket.Receive(_chunk) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>JSON text for test params: strings pass through as raw JSON.</summary>
    public static string Json(object value) => value as string ?? JsonSerializer.Serialize(value, value.GetType(), TestJson.Options);

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);

    public void Dispose() => _socket.Dispose();
}
