using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A request's params: positional (array, read by index) or named (object, read by key), as
/// the original daemon reads them. JSON null counts as absent.
/// </summary>
public readonly struct RpcParams(JsonElement element)
{
    /// <summary>The raw params (Undefined when absent).</summary>
    public JsonElement Element { get; } = element;

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

    /// <summary>
    /// An integer param. Like the original, a value that is not a number counts as absent;
    /// unlike it, a fractional number is floored instead of becoming 0 (documented extension).
    /// </summary>
    public int GetInt(int index, string name, int fallback) =>
        TryGet(index, name, out var v) && TryInt(v, out var i) ? i : fallback;

    /// <summary>A named integer param.</summary>
    public int GetInt(string name, int fallback) => GetInt(-1, name, fallback);

    /// <summary>A string param; other JSON types count as absent.</summary>
    public string? GetString(int index, string name) =>
        TryGet(index, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A named string param.</summary>
    public string? GetString(string name) => GetString(-1, name);

    /// <summary>A boolean param; other JSON types count as absent.</summary>
    public bool GetBool(int index, string name, bool fallback) =>
        TryGet(index, name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <summary>A named boolean param.</summary>
    public bool GetBool(string name, bool fallback) => GetBool(-1, name, fallback);

    /// <summary>Reads a JSON number as an int32: integers exactly, fractions floored, out of range refused.</summary>
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
}
