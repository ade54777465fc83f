using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Goxel.Script;

/// <summary>The job the daemon gives: the code, its name and the layers there are.</summary>
internal sealed record ScriptJob(string Code, string Name, HashSet<int> Layers);

/// <summary>
/// The daemon at the other end of the standard streams (<see cref="ScriptProtocol"/>): calls that
/// return nothing are buffered and sent without waiting; a call that returns a value sends them
/// all and waits for its answer.
/// </summary>
internal sealed class DaemonChannel(Stream input, Stream output)
{
    private readonly StreamReader _input = new(input, new UTF8Encoding(false));
    private readonly BufferedStream _output = new(output, 1 << 16);
    private readonly ArrayBufferWriter<byte> _line = new();
    private Utf8JsonWriter? _writer;

    /// <summary>Reads the job, the first line: null when none came within <paramref name="patience"/> or the daemon closed the channel.</summary>
    public ScriptJob? ReadJob(TimeSpan patience)
    {
        var read = Task.Run(_input.ReadLine);
        if (!read.Wait(patience) || read.Result is not { } line) return null;
        using var job = JsonDocument.Parse(line);
        var root = job.RootElement;
        return new ScriptJob(root.GetProperty(ScriptProtocol.Code).GetString()!, root.GetProperty(ScriptProtocol.Name).GetString()!,
            root.GetProperty(ScriptProtocol.Layers).EnumerateArray().Select(id => id.GetInt32()).ToHashSet());
    }

    /// <summary>Sends a call that returns nothing (when the buffer fills or the next answer is awaited).</summary>
    public void Post(string op, params ReadOnlySpan<long> arguments) => Write(op, arguments, null);

    /// <summary><see cref="Post(string, ReadOnlySpan{long})"/> with one text argument.</summary>
    public void Post(string op, string text) => Write(op, default, text);

    /// <summary>Sends a call and everything before it; returns its answer (a JSON value).</summary>
    public string Ask(string op, params ReadOnlySpan<long> arguments)
    {
        Write(op, arguments, null);
        return Answer();
    }

    /// <summary><see cref="Ask(string, ReadOnlySpan{long})"/> with one text argument.</summary>
    public string Ask(string op, string text)
    {
        Write(op, default, text);
        return Answer();
    }

    /// <summary>Ends with the script's value (JSON text; null when undefined).</summary>
    public void Finish(string? value)
    {
        var w = Begin(ScriptProtocol.Result);
        if (value is null) w.WriteNullValue();
        else w.WriteRawValue(value);
        Send();
        _output.Flush();
    }

    /// <summary>Ends with the reason the script failed.</summary>
    public void Fail(string message)
    {
        Begin(ScriptProtocol.Failed).WriteStringValue(message);
        Send();
        _output.Flush();
    }

    private void Write(string op, ReadOnlySpan<long> numbers, string? text)
    {
        var w = Begin(op);
        foreach (var n in numbers) w.WriteNumberValue(n);
        if (text is not null) w.WriteStringValue(text);
        Send();
    }

    // Starts the line [op, ...].
    private Utf8JsonWriter Begin(string op)
    {
        _line.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(_line);
        w.Reset(_line);
        w.WriteStartArray();
        w.WriteStringValue(op);
        return w;
    }

    // Ends the line and buffers it.
    private void Send()
    {
        _writer!.WriteEndArray();
        _writer.Flush();
        _output.Write(_line.WrittenSpan);
        _output.WriteByte((byte)'\n');
    }

    private string Answer()
    {
        _output.Flush();
        return _input.ReadLine() ?? throw new EndOfStreamException("the daemon closed the script's channel");
    }
}
