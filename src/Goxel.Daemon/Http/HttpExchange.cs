using System.Net.WebSockets;
using System.Text;

namespace Goxel.Daemon.Http;

/// <summary>
/// One request on an <see cref="HttpConnection"/> and its answer: the parsed head, the body on
/// demand, and exactly one response (every one with Content-Length, none with a body to HEAD) or
/// a WebSocket upgrade.
/// </summary>
internal sealed class HttpExchange(HttpConnection connection, HttpRequestHead request, CancellationToken aborted)
{
    private readonly List<(string Name, string Value)> _fields = [];
    private bool _bodyRead;

    /// <summary>The request's head.</summary>
    public HttpRequestHead Request => request;

    /// <summary>Fires when the server stops.</summary>
    public CancellationToken Aborted => aborted;

    /// <summary>The answer's head was sent.</summary>
    public bool HasResponded { get; private set; }

    /// <summary>The connection became a WebSocket.</summary>
    public bool Upgraded { get; private set; }

    /// <summary>The connection may carry another request (decided when the answer was sent).</summary>
    public bool KeepsAlive { get; private set; }

    /// <summary>A field for the answer (Location, Set-Cookie, Allow, ...).</summary>
    public void AddHeader(string name, string value) => _fields.Add((name, value));

    /// <summary>The request body, or null (unread) when it is longer than <paramref name="limit"/> bytes.</summary>
    public async Task<byte[]?> ReadBodyAsync(int limit)
    {
        if (request.ContentLength > limit) return null;
        _bodyRead = true;
        return await connection.ReadBodyAsync(request);
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="body"/> of <paramref name="contentType"/> (none: an empty body).</summary>
    public async Task RespondAsync(int status, string? contentType, ReadOnlyMemory<byte> body)
    {
        await connection.WriteAsync(Head(status, contentType, body.Length));
        if (request.Method != "HEAD") await connection.WriteAsync(body);
    }

    /// <summary>Answers <paramref name="status"/> with the rest of <paramref name="body"/>, a seekable stream.</summary>
    public async Task RespondAsync(int status, string contentType, Stream body)
    {
        await connection.WriteAsync(Head(status, contentType, body.Length - body.Position));
        if (request.Method == "HEAD") return;
        var chunk = new byte[Math.Min(body.Length - body.Position, 64 << 10)];
        int read;
        while ((read = await body.ReadAsync(chunk, aborted)) > 0) await connection.WriteAsync(chunk.AsMemory(0, read));
    }

    /// <summary>Answers <paramref name="status"/> with a one-line plain-text <paramref name="message"/>.</summary>
    public Task RespondAsync(int status, string message) => RespondAsync(status, HttpResponseHead.PlainText, TextBody(message));

    /// <summary>
    /// Answers 101 to a request <see cref="WebSocketHandshake.Refusal"/> accepted, and returns the
    /// server side of the WebSocket over the connection.
    /// </summary>
    public async Task<WebSocket> AcceptWebSocketAsync()
    {
        // A client sends frames only after it has read the 101: bytes already here are not a WebSocket's.
        if (connection.HasUnreadBytes) throw new BadRequestException(400, "data arrived before the WebSocket handshake was answered");
        var accept = WebSocketHandshake.Accept(request.Field("Sec-WebSocket-Key")!);
        HasResponded = Upgraded = true;
        await connection.WriteAsync(HttpResponseHead.Format(101, null, null, close: false,
            [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", accept)]));
        return WebSocket.CreateFromStream(connection.Stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = WebSocketHandshake.KeepAlive });
    }

    /// <summary>A one-line plain-text body.</summary>
    public static byte[] TextBody(string message) => Encoding.UTF8.GetBytes(message + "\n");

    // The connection closes after the answer when the client asked, the server is stopping, or a
    // body the client holds back until "100 Continue" was not read (it may never come).
    private byte[] Head(int status, string? contentType, long length)
    {
        if (HasResponded) throw new InvalidOperationException("the request was answered already");
        HasResponded = true;
        KeepsAlive = request.KeepAlive && !aborted.IsCancellationRequested && (_bodyRead || request.ContentLength == 0 || !request.ExpectsContinue);
        return HttpResponseHead.Format(status, contentType, length, !KeepsAlive, _fields);
    }
}
