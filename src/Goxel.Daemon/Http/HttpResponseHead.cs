using System.Text;

namespace Goxel.Daemon.Http;

/// <summary>The status line and header fields of an HTTP/1.1 response, as the bytes sent.</summary>
internal static class HttpResponseHead
{
    /// <summary>The content type of one-line plain-text answers.</summary>
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>
    /// "HTTP/1.1 STATUS REASON", then Content-Type and Content-Length when given, "Connection:
    /// close" when <paramref name="close"/>, the other <paramref name="fields"/> and the blank line.
    /// Values are the server's own (ASCII, no line breaks).
    /// </summary>
    public static byte[] Format(int status, string? contentType, long? contentLength, bool close, IEnumerable<(string Name, string Value)>? fields = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (contentType is not null) head.Append($"Content-Type: {contentType}\r\n");
        if (contentLength is { } length) head.Append($"Content-Length: {length}\r\n");
        if (close) head.Append("Connection: close\r\n");
        foreach (var (name, value) in fields ?? []) head.Append($"{name}: {value}\r\n");
        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    // The reason phrase of the statuses this daemon answers.
    private static string Reason(int status) => status switch
    {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    };
}
