using System.Security.Cryptography;
using System.Text;

namespace Goxel.Daemon.Http;

/// <summary>The server side of the WebSocket opening handshake (RFC 6455 section 4.2).</summary>
internal static class WebSocketHandshake
{
    /// <summary>The one protocol version spoken, sent back with a 426.</summary>
    public const string Version = "13";

    /// <summary>How often an open WebSocket pings its page (ASP.NET Core's default, which the viewer had).</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(2);

    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// Null for a valid upgrade request: GET with "Upgrade: websocket", "Connection: Upgrade",
    /// version 13 and a 16-byte key. Else the refusal: 426 for no upgrade or another version
    /// (to be sent with Sec-WebSocket-Version: 13), 400 for a malformed handshake.
    /// </summary>
    public static (int Status, string Message)? Refusal(HttpRequestHead request)
    {
        if (request.Method != "GET" || !request.HasToken("Upgrade", "websocket")) return (426, "this is a WebSocket endpoint");
        if (request.Field("Sec-WebSocket-Version") != Version) return (426, $"this WebSocket endpoint speaks version {Version}");
        if (!request.HasToken("Connection", "Upgrade")) return (400, "a WebSocket handshake needs \"Connection: Upgrade\"");
        Span<byte> key = stackalloc byte[18];
        return Convert.TryFromBase64String(request.Field("Sec-WebSocket-Key") ?? "", key, out var length) && length == 16
            ? null
            : (400, "Sec-WebSocket-Key must be 16 bytes in base64");
    }

    /// <summary>Sec-WebSocket-Accept for <paramref name="key"/>: base64(SHA-1(key + the protocol's GUID)).</summary>
    public static string Accept(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
}
