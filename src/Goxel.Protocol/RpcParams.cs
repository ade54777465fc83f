using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A request's params: positional (array, read by index) or named (object, read by key), as
/// the original daemon reads them. JSON null counts as absent. A value that is present but of
/// the wrong type or out of range is refused with -32602 naming the parameter (the original
/// read it as 0 and wrote garbage); only absence gives the fallback.
/// </summary>
public readonly struct RpcParams(JsonElement element, CancellationToken cancellation = default, RequestProgress progress = default)
{
    /// <summary>Where the method may report progress (see <see cref="RequestProgress"/>).</summary>
    public RequestProgress Progress { get; } = progress;

    /// <summary>The raw params (Undefined when absent).</summary>
    public JsonElement Element { get; } = element;

    /// <summary>Cancelled when the request's answer is no longer wanted (client gone, shutdown).</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>True for positional params.</summary>
    public bool IsArray => Element.ValueKind == JsonValueKind.Array;

    /// <summary>True for named params.</summary>
    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    /// <summary>Number of positional params (0 for named or absent params).</summary>
    public int Count => IsArray ? Element.GetArrayLength() : 0;

    /// <summary>The value at <paramref name="index"/> (positional) or <paramref name="name"/> (named).</summary>
    public bool TryGet(int index, string name, out JsonElement value)
    {
        value = default;
        if (IsArray)
        {
            if (index < 0 || index >= Element.GetArrayLength()) return false;
            value = Element[index];
        }
        else if (!IsObject || !Element.TryGetProperty(name, out value)) return false;
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    /// <summary>A named value; positional params have none.</summary>
    public bool TryGet(string name, out JsonElement value) => TryGet(-1, name, out value);

    /// <summary>An integer param within int32; absent gives <paramref name="fallback"/>.</summary>
    public int GetInt(int index, string name, int fallback) => GetInt(index, name, fallback, int.MinValue, int.MaxValue);

    /// <summary>An integer param within [<paramref name="min"/>, <paramref name="max"/>]; absent gives <paramref name="fallback"/>.</summary>
    public int GetInt(int index, string name, int fallback, int min, int max)
    {
        if (!TryGet(index, name, out var v)) return fallback;
        // The parameter's name is only spelled out for an error: this runs for every coordinate.
        return TryInt(v, out var i) && i >= min && i <= max ? i : Integer(v, Name(index, name), min, max);
    }

    /// <summary>An integer param that must be present, within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int RequireInt(int index, string name, int min, int max)
    {
        if (!TryGet(index, name, out var v)) throw Missing(index, name, $"an integer from {min} to {max}");
        return TryInt(v, out var i) && i >= min && i <= max ? i : Integer(v, Name(index, name), min, max);
    }

    /// <summary>A named integer param.</summary>
    public int GetInt(string name, int fallback) => GetInt(-1, name, fallback);

    /// <summary>A string param; absent gives null, another JSON type is refused.</summary>
    public string? GetString(int index, string name)
    {
        if (!TryGet(index, name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String) throw WrongType(Name(index, name), "a string", v);
        return v.GetString();
    }

    /// <summary>A named string param.</summary>
    public string? GetString(string name) => GetString(-1, name);

    /// <summary>A boolean param; absent gives the fallback, another JSON type is refused.</summary>
    public bool GetBool(int index, string name, bool fallback)
    {
        if (!TryGet(index, name, out var v)) return fallback;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw WrongType(Name(index, name), "true or false", v);
        return v.GetBoolean();
    }

    /// <summary>A named boolean param.</summary>
    public bool GetBool(string name, bool fallback) => GetBool(-1, name, fallback);

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
