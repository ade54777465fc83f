using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A request's params: positional (array, read by index) or named (object, read by key), as
/// the original daemon reads them. JSON null counts as absent. A value that is present but of
/// the wrong type or out of range is refused with -32602 naming the parameter (the original
/// read it as 0 and wrote garbage); only absence gives the fallback. Params of a small request
/// are read in place from its bytes (<see cref="RequestReader"/>); <see cref="Element"/> and
/// <see cref="TryGet(int, string, out JsonElement)"/> then parse them into a document, which the
/// typed readers and <see cref="TryGetValue"/> do not need.
/// </summary>
public readonly struct RpcParams
{
    private readonly JsonElement _element;
    private readonly RequestReader? _reader;

    /// <summary>Params that are a document element (Undefined when absent).</summary>
    public RpcParams(JsonElement element, CancellationToken cancellation = default, RequestProgress progress = default)
    {
        _element = element;
        Cancellation = cancellation;
        Progress = progress;
    }

    /// <summary>The params of the request <paramref name="reader"/> holds.</summary>
    internal RpcParams(RequestReader reader, CancellationToken cancellation, RequestProgress progress)
    {
        _reader = reader;
        Cancellation = cancellation;
        Progress = progress;
    }

    /// <summary>Where the method may report progress (see <see cref="RequestProgress"/>).</summary>
    public RequestProgress Progress { get; }

    /// <summary>The raw params (Undefined when absent).</summary>
    public JsonElement Element => _reader is null ? _element : _reader.Params;

    /// <summary>Cancelled when the request's answer is no longer wanted (client gone, shutdown).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True for positional params.</summary>
    public bool IsArray => _reader?.IsArray ?? _element.ValueKind == JsonValueKind.Array;

    /// <summary>True for named params.</summary>
    public bool IsObject => _reader?.IsObject ?? _element.ValueKind == JsonValueKind.Object;

    /// <summary>Number of positional params (0 for named or absent params).</summary>
    public int Count => !IsArray ? 0 : _reader is { Indexed: true } reader ? reader.Count : Element.GetArrayLength();

    /// <summary>The value at <paramref name="index"/> (positional) or <paramref name="name"/> (named).</summary>
    public bool TryGet(int index, string name, out JsonElement value)
    {
        if (_reader is null) return TryGet(_element, index, name, out value);
        var found = TryGetValue(index, name, out var v);
        value = found ? v.Element : default;
        return found;
    }

    /// <summary>
    /// The value at <paramref name="index"/> (positional) or <paramref name="name"/> (named),
    /// read in place where it can be (see <see cref="ParamValue"/>).
    /// </summary>
    public bool TryGetValue(int index, string name, out ParamValue value)
    {
        if (_reader is not { Indexed: true } reader)
        {
            var found = TryGet(Element, index, name, out var element);
            value = new ParamValue(element);
            return found;
        }
        var slot = reader.Find(index, name);
        value = slot < 0 ? default : new ParamValue(reader, slot);
        return slot >= 0 && reader.Kind(slot) != JsonValueKind.Null;
    }

    /// <summary>A named value; positional params have none.</summary>
    public bool TryGet(string name, out JsonElement value) => TryGet(-1, name, out value);

    /// <summary>
    /// The value at <paramref name="index"/> or <paramref name="name"/> when it is an integer read
    /// in place (the quick path of the integer readers); false for anything else, which
    /// <see cref="TryGetValue"/> reads.
    /// </summary>
    public bool TryGetInteger(int index, string name, out long value)
    {
        value = 0;
        return _reader is { Indexed: true } reader && reader.TryGetInteger(reader.Find(index, name), out value);
    }

    /// <summary>Whether the value at <paramref name="index"/> or <paramref name="name"/> is present and not null.</summary>
    public bool Has(int index, string name) => TryGetValue(index, name, out _);

    /// <summary>Whether the named value is present and not null.</summary>
    public bool Has(string name) => Has(-1, name);

    private static bool TryGet(JsonElement element, int index, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind == JsonValueKind.Array)
        {
            if (index < 0 || index >= element.GetArrayLength()) return false;
            value = element[index];
        }
        else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out value)) return false;
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    /// <summary>An integer param within int32; absent gives <paramref name="fallback"/>.</summary>
    public int GetInt(int index, string name, int fallback) => GetInt(index, name, fallback, int.MinValue, int.MaxValue);

    /// <summary>An integer param within [<paramref name="min"/>, <paramref name="max"/>]; absent gives <paramref name="fallback"/>.</summary>
    public int GetInt(int index, string name, int fallback, int min, int max)
    {
        if (TryGetInteger(index, name, out var integer) && integer >= min && integer <= max) return (int)integer;
        if (!TryGetValue(index, name, out var v)) return fallback;
        // The parameter's name is only spelled out for an error: this runs for every coordinate.
        return TryInt(v, out var i) && i >= min && i <= max ? i : Integer(v.Element, Name(index, name), min, max);
    }

    /// <summary>An integer param that must be present, within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int RequireInt(int index, string name, int min, int max)
    {
        if (TryGetInteger(index, name, out var integer) && integer >= min && integer <= max) return (int)integer;
        if (!TryGetValue(index, name, out var v)) throw Missing(index, name, $"an integer from {min} to {max}");
        return TryInt(v, out var i) && i >= min && i <= max ? i : Integer(v.Element, Name(index, name), min, max);
    }

    /// <summary>A named integer param.</summary>
    public int GetInt(string name, int fallback) => GetInt(-1, name, fallback);

    /// <summary>A string param; absent gives null, another JSON type is refused.</summary>
    public string? GetString(int index, string name)
    {
        if (!TryGetValue(index, name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String) throw WrongType(Name(index, name), "a string", v.Element);
        return v.GetString();
    }

    /// <summary>A named string param.</summary>
    public string? GetString(string name) => GetString(-1, name);

    /// <summary>A boolean param; absent gives the fallback, another JSON type is refused.</summary>
    public bool GetBool(int index, string name, bool fallback)
    {
        if (!TryGetValue(index, name, out var v)) return fallback;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw WrongType(Name(index, name), "true or false", v.Element);
        return v.ValueKind == JsonValueKind.True;
    }

    /// <summary>A named boolean param.</summary>
    public bool GetBool(string name, bool fallback) => GetBool(-1, name, fallback);

    /// <summary>A value read as <see cref="TryInt(JsonElement, out int)"/> reads it; an integer needs no document.</summary>
    public static bool TryInt(ParamValue value, out int result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number) return false;
        return value.TryGetInt32(out result) || TryInt(value.Element, out result);
    }

    /// <summary>
    /// Reads a JSON number as an int32: integers exactly; fractions floored, as real clients of
    /// the original send half coordinates (spec 10); anything outside int32 refused.
    /// </summary>
    public static bool TryInt(JsonElement value, out int result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number) return false;
        if (value.TryGetInt32(out result)) return true;
        if (!value.TryGetDouble(out var d)) return false;
        d = Math.Floor(d);
        if (d is < int.MinValue or > int.MaxValue) return false;
        result = (int)d;
        return true;
    }

    /// <summary>
    /// <paramref name="value"/> as an integer within [<paramref name="min"/>, <paramref name="max"/>],
    /// else -32602 naming <paramref name="name"/> and what was expected.
    /// </summary>
    public static int Integer(JsonElement value, string name, int min, int max)
    {
        var valid = TryInt(value, out var i);
        if (valid && i >= min && i <= max) return i;
        var expected = min == int.MinValue && max == int.MaxValue ? "an integer (int32)" : $"an integer from {min} to {max}";
        if (!valid) throw WrongType(name, expected, value);
        throw RpcException.InvalidParams($"Invalid params: '{name}' must be {expected}, got {i}");
    }

    /// <summary>
    /// <see cref="Integer(JsonElement, string, int, int)"/> for item <paramref name="index"/> of the
    /// array <paramref name="name"/>; its name ("name[index]") is made only for an error.
    /// </summary>
    public static int Integer(JsonElement value, string name, int index, int min, int max) =>
        TryInt(value, out var i) && i >= min && i <= max ? i : Integer(value, $"{name}[{index}]", min, max);

    /// <summary>-32602: <paramref name="name"/> must be <paramref name="expected"/>, with what came instead.</summary>
    public static RpcException WrongType(string name, string expected, JsonElement got) =>
        RpcException.InvalidParams($"Invalid params: '{name}' must be {expected}, got {Describe(got)}");

    /// <summary>-32602: a required parameter is absent.</summary>
    public RpcException Missing(int index, string name, string expected) =>
        RpcException.InvalidParams($"Invalid params: '{Name(index, name)}' is required ({expected})");

    /// <summary>The parameter's wire name: its key, or its position for positional params.</summary>
    public string Name(int index, string name) =>
        !IsArray ? name : name.Length == 0 ? $"params[{index}]" : $"params[{index}] ({name})";

    /// <summary>A short description of a JSON value for error messages (never its full text).</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => value.GetRawText() is { Length: <= 24 } text ? text : "a number out of range",
        _ => "nothing",
    };
}
