using System.Globalization;
using System.Text.Json;

namespace Goxel.Daemon.Configuration;

/// <summary>
/// A value for a setting as one source gives it: JSON from the config file, or text from the
/// environment or the command line. The parsers accept both, so a key is declared once.
/// </summary>
public readonly struct SettingValue
{
    private readonly JsonElement _json;
    private readonly string? _text;

    private SettingValue(JsonElement json, string? text)
    {
        _json = json;
        _text = text;
    }

    /// <summary>A value from the config file.</summary>
    public static SettingValue FromJson(JsonElement json) => new(json.Clone(), null);

    /// <summary>A value from the environment or the command line.</summary>
    public static SettingValue FromText(string text) => new(default, text);

    /// <summary>The value as it was written, for error messages.</summary>
    public string Raw => _text is null ? _json.GetRawText() : JsonSerializer.Serialize(_text, SettingsJson.Default.String);

    /// <summary>An integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public long Integer(long min, long max)
    {
        long value;
        if (_text is not null)
        {
            if (!long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) throw new FormatException($"expected an integer, got {Raw}");
        }
        else if (_json.ValueKind != JsonValueKind.Number || !_json.TryGetInt64(out value))
        {
            throw new FormatException($"expected an integer, got {Raw}");
        }
        if (value < min || value > max) throw new FormatException($"{value} is outside {min}..{max}");
        return value;
    }

    /// <summary>true or false.</summary>
    public bool Boolean()
    {
        if (_text is not null)
            return _text switch { "true" => true, "false" => false, _ => throw new FormatException($"expected true or false, got {Raw}") };
        if (_json.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new FormatException($"expected true or false, got {Raw}");
        return _json.GetBoolean();
    }

    /// <summary>A non-empty string.</summary>
    public string Text()
    {
        var text = TextOrEmpty();
        return text.Length > 0 ? text : throw new FormatException($"expected a non-empty string, got {Raw}");
    }

    /// <summary>A string, possibly empty (where "" means "none", as --data-dir "").</summary>
    public string TextOrEmpty() =>
        _text ?? (_json.ValueKind == JsonValueKind.String ? _json.GetString()! : throw new FormatException($"expected a string, got {Raw}"));

    /// <summary>A JSON array of <paramref name="what"/>, each read by <paramref name="item"/>; text is split at commas.</summary>
    public IReadOnlyList<T> List<T>(string what, Func<SettingValue, T> item)
    {
        if (_text is not null) return [.. _text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => item(FromText(t)))];
        if (_json.ValueKind != JsonValueKind.Array) throw new FormatException($"expected an array of {what}, got {Raw}");
        try
        {
            return [.. _json.EnumerateArray().Select(e => item(FromJson(e)))];
        }
        catch (FormatException)
        {
            throw new FormatException($"expected an array of {what}, got {Raw}");
        }
    }
}
