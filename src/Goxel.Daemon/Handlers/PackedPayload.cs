using System.IO.Compression;
using System.Text.Json;
using Goxel.Daemon.Configuration;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Binary results as base64 strings: as they are, or Brotli-compressed when
/// daemon.enable_compression is on and the payload is larger than daemon.compression_threshold
/// bytes. The result says which in "compression" ("br" or "none"), once for all its fields.
/// </summary>
internal static class PackedPayload
{
    // Brotli quality 4 with a 4 MB window: most of quality 11's gain on voxel lists at a small
    // fraction of its time (docs/performance.md).
    private const int Quality = 4;
    private const int Window = 22;

    /// <summary>True when a payload of <paramref name="bytes"/> bytes is compressed under <paramref name="settings"/>.</summary>
    public static bool Compresses(DaemonSettings settings, long bytes) => settings.EnableCompression && bytes > settings.CompressionThreshold;

    /// <summary>Writes "compression": "br" or "none".</summary>
    public static void WriteCompression(Utf8JsonWriter w, bool compressed) => w.WriteString("compression", compressed ? "br" : "none");

    /// <summary>Writes <paramref name="bytes"/> as a base64 property, Brotli-compressed first when <paramref name="compressed"/>.</summary>
    public static void Write(Utf8JsonWriter w, string name, ReadOnlySpan<byte> bytes, bool compressed)
    {
        if (!compressed)
        {
            w.WriteBase64String(name, bytes);
            return;
        }
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, output, out var written, Quality, Window))
            throw new InvalidOperationException("Brotli output larger than its bound");
        w.WriteBase64String(name, output.AsSpan(0, written));
    }
}
