using System.Text.Json;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Property names of the single-voxel results (add_voxel, remove_voxel, get_voxel), encoded
/// once: a pipelining client sends hundreds of thousands of these requests a second, and a
/// name given as a string is transcoded and checked for escaping on every write.
/// </summary>
internal static class ResultNames
{
    public static readonly JsonEncodedText Success = JsonEncodedText.Encode("success");
    public static readonly JsonEncodedText Exists = JsonEncodedText.Encode("exists");
    public static readonly JsonEncodedText LayerId = JsonEncodedText.Encode("layer_id");
    public static readonly JsonEncodedText Color = JsonEncodedText.Encode("color");
    public static readonly JsonEncodedText X = JsonEncodedText.Encode("x");
    public static readonly JsonEncodedText Y = JsonEncodedText.Encode("y");
    public static readonly JsonEncodedText Z = JsonEncodedText.Encode("z");
}
