using System.Runtime.CompilerServices;
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
        Number(position.X, (byte)',');
        Text("\"y\":"u8);
        Number(position.Y, (byte)',');
        Text("\"z\":"u8);
        Number(position.Z, (byte)',');
    }

    /// <summary>"layer_id":ID.</summary>
    public void LayerId(int id)
    {
        Text("\"layer_id\":"u8);
        Number(id, (byte)',');
    }

    /// <summary>"color":[r,g,b,a].</summary>
    public void Color(Rgba c)
    {
        Text("\"color\":["u8);
        Number(c.R, (byte)',');
        Number(c.G, (byte)',');
        Number(c.B, (byte)',');
        Number(c.A, (byte)']');
        Text(","u8);
    }

    /// <summary>Closes the object (in place of the last member's comma) and writes it as the result.</summary>
    public readonly void WriteTo(Utf8JsonWriter w)
    {
        _bytes[_length - 1] = (byte)'}';
        w.WriteRawValue(_bytes[.._length], skipInputValidation: true);
    }

    // Inlined, so each literal's length is a constant and its copy is unrolled.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Text(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_bytes[_length..]);
        _length += text.Length;
    }

    // Decimal, as the writer formats an integer, and the byte that follows it.
    private void Number(int value, byte then)
    {
        var bytes = _bytes;
        var at = _length;
        var magnitude = (uint)value;
        if (value < 0)
        {
            bytes[at++] = (byte)'-';
            magnitude = (uint)-(long)value;
        }
        var digits = magnitude < 10 ? 1 : magnitude < 100 ? 2 : magnitude < 1000 ? 3 : 4;
        for (var rest = magnitude / 10000; rest > 0; rest /= 10) digits++;
        at += digits;
        for (var i = at - 1; i > at - digits; i--)
        {
            var tenth = magnitude / 10;
            bytes[i] = (byte)('0' + (magnitude - tenth * 10));
            magnitude = tenth;
        }
        bytes[at - digits] = (byte)('0' + magnitude);
        bytes[at] = then;
        _length = at + 1;
    }
}
