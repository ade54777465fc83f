using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A request's id as its reply repeats it: an element of the request's document, or the id's own
/// bytes when the request was read without one (<see cref="RequestReader"/> keeps only ids it can
/// repeat byte for byte: null, an integer, a plain ASCII string). Absent for a notification.
/// </summary>
internal readonly struct RequestId
{
    private readonly JsonElement _element;
    private readonly ReadOnlyMemory<byte> _json;

    /// <summary>The id <paramref name="element"/> of a parsed request (Undefined: none).</summary>
    public RequestId(JsonElement element) => _element = element;

    /// <summary>An id given as its JSON text.</summary>
    public RequestId(ReadOnlyMemory<byte> json) => _json = json;

    /// <summary>True unless the request is a notification.</summary>
    public bool IsPresent => !_json.IsEmpty || _element.ValueKind != JsonValueKind.Undefined;

    /// <summary>Writes the id as a JSON value (null when absent).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (!_json.IsEmpty) writer.WriteRawValue(_json.Span, skipInputValidation: true);
        else if (_element.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
        else _element.WriteTo(writer);
    }

    /// <summary>Appends the id straight to <paramref name="output"/> when it is kept as text; false when it needs a writer.</summary>
    public bool TryAppendTo(ResponseBuffer output)
    {
        if (_json.IsEmpty) return false;
        output.Append(_json.Span);
        return true;
    }
}
