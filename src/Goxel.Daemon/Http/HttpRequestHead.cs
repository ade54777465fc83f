using System.Buffers;
using System.Text;

namespace Goxel.Daemon.Http;

/// <summary>
/// An HTTP/1.x request head (RFC 9112): the request line and the header fields, parsed from the
/// bytes up to the blank line. Strict wherever leniency would let two parsers read one request
/// differently: whitespace before a colon, folded lines, control characters, a target that is not
/// a path, a missing or repeated Host in HTTP/1.1, or Content-Length values that disagree get 400;
/// a version other than 1.0 and 1.1 gets 505; Transfer-Encoding gets 411 (bodies come only with
/// Content-Length). Field names are case-insensitive; a repeated field reads as its values joined
/// by ", " (Cookie fields by "; ").
/// </summary>
internal sealed class HttpRequestHead
{
    // RFC 9110 token characters: what methods and field names are made of.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly List<(string Name, string Value)> _fields;

    private HttpRequestHead(string method, string target, bool http11, List<(string Name, string Value)> fields)
    {
        Method = method;
        Http11 = http11;
        _fields = fields;
        var query = target.IndexOf('?');
        RawPath = query < 0 ? target : target[..query];
        QueryString = query < 0 ? "" : target[(query + 1)..];
        Path = Uri.UnescapeDataString(RawPath);
    }

    /// <summary>The method, as sent (methods are case-sensitive).</summary>
    public string Method { get; }

    /// <summary>The target's path as sent, still percent-encoded.</summary>
    public string RawPath { get; }

    /// <summary>The target's path, percent-decoded (UTF-8).</summary>
    public string Path { get; }

    /// <summary>The query after '?', as sent; empty without one.</summary>
    public string QueryString { get; }

    /// <summary>HTTP/1.1 (else 1.0).</summary>
    public bool Http11 { get; }

    /// <summary>The body's length from Content-Length; 0 without one.</summary>
    public long ContentLength { get; private set; }

    /// <summary>Whether the connection may carry another request: HTTP/1.1 without "Connection: close".</summary>
    public bool KeepAlive => Http11 && !HasToken("Connection", "close");

    /// <summary>The client waits for "100 Continue" before it sends the body.</summary>
    public bool ExpectsContinue => string.Equals(Field("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);

    /// <summary>The field's value (repeated fields joined), or null when absent.</summary>
    public string? Field(string name)
    {
        string? joined = null;
        foreach (var (field, value) in _fields)
            if (string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
                joined = joined is null ? value : string.Concat(joined, name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ", value);
        return joined;
    }

    /// <summary>Whether a comma-separated field (Connection, Upgrade) lists <paramref name="token"/>, case-insensitively.</summary>
    public bool HasToken(string name, string token) =>
        Field(name)?.Split(',', StringSplitOptions.TrimEntries).Contains(token, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>The first value of query parameter <paramref name="name"/>, percent-decoded ('+' is a space); "" for a bare name; null when absent.</summary>
    public string? Query(string name)
    {
        foreach (var pair in QueryString.Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (Decode(equals < 0 ? pair : pair[..equals]) == name) return equals < 0 ? "" : Decode(pair[(equals + 1)..]);
        }
        return null;
    }

    /// <summary>The value of cookie <paramref name="name"/> as sent (not decoded), or null.</summary>
    public string? Cookie(string name)
    {
        foreach (var crumb in (Field("Cookie") ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            var equals = crumb.IndexOf('=');
            if (equals > 0 && crumb.AsSpan(0, equals).Trim().SequenceEqual(name)) return crumb[(equals + 1)..].Trim();
        }
        return null;
    }

    /// <summary>
    /// The length of the head at the start of <paramref name="buffer"/>, its blank line included
    /// (lines end in CRLF or a bare LF), or -1 while the blank line has not arrived.
    /// </summary>
    public static int Length(ReadOnlySpan<byte> buffer)
    {
        var at = 0;
        while (buffer[at..].IndexOf((byte)'\n') is var end and >= 0)
        {
            var line = buffer.Slice(at, end);
            at += end + 1;
            if (line.IsEmpty || line is [(byte)'\r']) return at;
        }
        return -1;
    }

    /// <summary>Parses a whole head (<see cref="Length"/> bytes); throws <see cref="BadRequestException"/> when it is not one.</summary>
    public static HttpRequestHead Parse(ReadOnlySpan<byte> head)
    {
        // Latin-1 maps each byte to one char, so nothing is lost or merged before validation.
        var lines = Encoding.Latin1.GetString(head).Split('\n');
        var parts = Line(lines[0]).Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[0].AsSpan().ContainsAnyExcept(TokenChars))
            throw new BadRequestException(400, "malformed request line");
        var (method, target, version) = (parts[0], parts[1], parts[2]);
        if (!target.StartsWith('/') || !target.All(c => c is > ' ' and < '\x7f'))
            throw new BadRequestException(400, "the request target must be a path");
        var http11 = version switch
        {
            "HTTP/1.1" => true,
            "HTTP/1.0" => false,
            _ when version.StartsWith("HTTP/", StringComparison.Ordinal) => throw new BadRequestException(505, "only HTTP/1.0 and HTTP/1.1 are spoken here"),
            _ => throw new BadRequestException(400, "malformed request line"),
        };
        var fields = new List<(string Name, string Value)>();
        foreach (var raw in lines.AsSpan(1))
        {
            var line = Line(raw);
            if (line.Length == 0) break;
            var colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAnyExcept(TokenChars))
                throw new BadRequestException(400, "malformed header field");
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.Any(c => c is (< ' ' and not '\t') or '\x7f')) throw new BadRequestException(400, "control character in a header field");
            fields.Add((line[..colon], value));
        }
        var request = new HttpRequestHead(method, target, http11, fields);
        var hosts = fields.Count(f => f.Name.Equals("Host", StringComparison.OrdinalIgnoreCase));
        if (hosts > 1 || (http11 && hosts == 0)) throw new BadRequestException(400, "an HTTP/1.1 request needs exactly one Host field");
        if (request.Field("Transfer-Encoding") is not null)
            throw new BadRequestException(411, "send the body with Content-Length: Transfer-Encoding is not supported");
        request.ContentLength = ContentLengthOf(request.Field("Content-Length"));
        return request;
    }

    // One line without its CR; a CR anywhere else is malformed.
    private static string Line(string raw)
    {
        var line = raw.EndsWith('\r') ? raw[..^1] : raw;
        return line.Contains('\r') ? throw new BadRequestException(400, "bare CR in the request head") : line;
    }

    // "5" or a repetition of one value ("5, 5"); anything else is malformed.
    private static long ContentLengthOf(string? field)
    {
        if (field is null) return 0;
        var values = field.Split(',', StringSplitOptions.TrimEntries).Distinct().ToArray();
        return values is [var only] && only.Length is > 0 and <= 18 && only.All(char.IsAsciiDigit)
            ? long.Parse(only, System.Globalization.CultureInfo.InvariantCulture)
            : throw new BadRequestException(400, "malformed Content-Length");
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
