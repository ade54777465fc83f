using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// How one log entry becomes one line of UTF-8 (line breaks inside a message or an exception
/// become spaces): the forms of Microsoft.Extensions.Logging's console formatters, which the
/// daemon's log used before it was written by hand (docs/monitoring.md shows each).
/// </summary>
internal sealed class LogLineFormat
{
    private enum Form
    {
        Text,
        Journal,
        Json,
    }

    /// <summary><c>2026-12-06 23:40:01 info: Category[0] message</c> (local time; the simple formatter, single line).</summary>
    public static readonly LogLineFormat Text = new(Form.Text);

    /// <summary><c>&lt;6&gt;Category[0] message</c>: journald stamps each line itself; the prefix gives it the priority.</summary>
    public static readonly LogLineFormat Journal = new(Form.Journal);

    /// <summary>One JSON object: Timestamp (UTC), EventId, LogLevel, Category, Message, Exception, State.</summary>
    public static readonly LogLineFormat Json = new(Form.Json);

    private readonly Form _form;

    private LogLineFormat(Form form) => _form = form;

    /// <summary>The entry's line, newline included.</summary>
    public byte[] Line<TState>(LogLevel level, string category, EventId eventId, TState state, string message, Exception? exception) =>
        _form == Form.Json ? JsonLine(level, category, eventId, state, message, exception) : TextLine(level, category, eventId, message, exception);

    private byte[] TextLine(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = new StringBuilder(64 + category.Length + message.Length);
        if (_form == Form.Journal) line.Append('<').Append(Priority(level)).Append('>');
        else line.Append(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture)).Append(Label(level)).Append(": ");
        line.Append(category).Append('[').Append(eventId.Id).Append(']');
        if (message.Length > 0) line.Append(' ').Append(message.ReplaceLineEndings(" "));
        if (exception is not null) line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
        line.Append('\n');
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    private static byte[] JsonLine<TState>(LogLevel level, string category, EventId eventId, TState state, string message, Exception? exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + message.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", Name(level));
            json.WriteString("Category", category);
            json.WriteString("Message", message);
            if (exception is not null) json.WriteString("Exception", exception.ToString());
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in values) WriteValue(json, key, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // Numbers and booleans keep their JSON type, as the JSON console formatter writes them;
    // anything else is its invariant text.
    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case uint u: json.WriteNumber(key, u); break;
            case ulong u: json.WriteNumber(key, u); break;
            case short s: json.WriteNumber(key, s); break;
            case ushort s: json.WriteNumber(key, s); break;
            case byte b: json.WriteNumber(key, b); break;
            case sbyte b: json.WriteNumber(key, b); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            case float f when float.IsFinite(f): json.WriteNumber(key, f); break;
            case decimal d: json.WriteNumber(key, d); break;
            default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        _ => "Critical",
    };

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    // syslog(3) priorities, as journald reads them from a line's "<N>" prefix.
    private static int Priority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };
}
