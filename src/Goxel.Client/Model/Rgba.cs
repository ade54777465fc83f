using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goxel.Client;

/// <summary>An RGBA8 colour; alpha 0 means empty. On the wire: <c>[r, g, b, a]</c>.</summary>
[JsonConverter(typeof(RgbaJsonConverter))]
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Parses <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    /// <exception cref="FormatException">Not a hex colour.</exception>
    public static Rgba Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length is not (7 or 9) || hex[0] != '#' || !uint.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"invalid hex colour '{hex}' (expected #RRGGBB or #RRGGBBAA)");
        if (hex.Length == 7) value = (value << 8) | 0xFF;
        return new Rgba((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <summary><c>#RRGGBBAA</c>.</summary>
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}

/// <summary>Reads and writes <see cref="Rgba"/> as a JSON array <c>[r, g, b, a]</c> (alpha optional when reading).</summary>
public sealed class RgbaJsonConverter : JsonConverter<Rgba>
{
    /// <inheritdoc/>
    public override Rgba Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("colour must be an array");
        Span<byte> c = [0, 0, 0, 255];
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (i < 4) c[i] = (byte)Math.Clamp(reader.GetInt32(), 0, 255);
            i++;
        }
        return new Rgba(c[0], c[1], c[2], c[3]);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Rgba value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.R);
        writer.WriteNumberValue(value.G);
        writer.WriteNumberValue(value.B);
        writer.WriteNumberValue(value.A);
        writer.WriteEndArray();
    }
}
