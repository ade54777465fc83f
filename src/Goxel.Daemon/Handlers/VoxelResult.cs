using System.Text.Json;
using Goxel.Core;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// The result of a one-voxel method (add_voxel, remove_voxel, get_voxel) written by hand and
/// given to the writer whole: the same bytes <see cref="Utf8JsonWriter"/> writes for the same
/// members (VoxelResultTests compares them), at a fifth of the instructions. A pipelining client
/// sends hundreds of thousands of these a second, and the writer's checks and number formatting
/// for their eight members were a seventh of a pipelined add_voxel's CPU (docs/performance.md).
/// </summary>
internal ref struct VoxelResult
{
    // The longest result: four members of int.MinValue and a colour of 255s is under 128 bytes.
    public const int MaxBytes = 160;

    private readonly Span<byte> _bytes;
    private int _length;

    /// <summary>A result written into <paramref name="bytes"/> (at least <see cref="MaxBytes"/>), opened with its brace.</summary>
    public VoxelResult(Span<byte> bytes)
    {
        _bytes = bytes;
        _bytes[0] = (byte)'{';
        _length = 1;
    }

    /// <summary>"success":true.</summary>
    public void Success() => Text("\"success\":true,"u8);

    /// <summary>"exists":true or false.</summary>
    public void Exists(bool exists) => Text(exists ? "\"exists\":true,"u8 : "\"exists\":false,"u8);

    /// <summary>"x":X,"y":Y,"z":Z.</summary>
    public void Position(Int3 position)
    {
        Text("\"x\":"u8);
        Number(position.X);
        Text(",\"y\":"u8);
        Number(position.Y);
        Text(",\"z\":"u8);
        Number(position.Z);
        Text(","u8);
    }

    /// <summary>"layer_id":ID.</summary>
    public void LayerId(int id)
    {
        Text("\"layer_id\":"u8);
        Number(id);
        Text(","u8);
    }

    /// <summary>"color":[r,g,b,a].</summary>
    public void Color(Rgba c)
    {
        Text("\"color\":["u8);
        Number(c.R);
        Text(","u8);
        Number(c.G);
        Text(","u8);
        Number(c.B);
        Text(","u8);
        Number(c.A);
        Text("],"u8);
    }

    /// <summary>Closes the object (in place of the last member's comma) and writes it as the result.</summary>
    public readonly void WriteTo(Utf8JsonWriter w)
    {
        _bytes[_length - 1] = (byte)'}';
        w.WriteRawValue(_bytes[.._length], skipInputValidation: true);
    }

    private void Text(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_bytes[_length..]);
        _length += text.Length;
    }

    // Decimal, as the writer formats an integer.
    private void Number(int value)
    {
        var magnitude = (uint)value;
        if (value < 0)
        {
            _bytes[_length++] = (byte)'-';
            magnitude = (uint)-(long)value;
        }
        var digits = 1;
        for (var rest = magnitude; rest >= 10; rest /= 10) digits++;
        _length += digits;
        for (var at = _length - 1; at >= _length - digits; at--, magnitude /= 10) _bytes[at] = (byte)('0' + magnitude % 10);
    }
}
