using System.Buffers;
using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>The -32700 message for a message that is not valid JSON: a short reason and the byte where it went wrong.</summary>
internal static class ParseFailure
{
    /// <summary>"Parse error: REASON at byte N".</summary>
    public static string Describe(ReadOnlySequence<byte> message, JsonException ex)
    {
        var reason = ex.Message;
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 5."; the position is given as one offset instead.
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        reason = reason.TrimEnd('.', ' ');
        if (reason.Length > 160) reason = reason[..160];
        return ex.LineNumber is { } line && ex.BytePositionInLine is { } column
            ? $"Parse error: {reason} at byte {Offset(message, line, column)}"
            : $"Parse error: {reason}";
    }

    private static long Offset(ReadOnlySequence<byte> message, long line, long column)
    {
        long offset = 0;
        var reader = new SequenceReader<byte>(message);
        for (long i = 0; i < line && reader.TryAdvanceTo((byte)'\n'); i++) offset = reader.Consumed;
        return offset + column;
    }
}
