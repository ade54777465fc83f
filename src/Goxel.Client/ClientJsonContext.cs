using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goxel.Client;

/// <summary>
/// Source-generated (reflection-free, AOT-safe) JSON contracts of every typed result, for
/// <see cref="GoxelDaemonClient.CallAsync{T}"/> (for example <c>ClientJsonContext.Default.PingResult</c>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(DaemonStatus))]
[JsonSerializable(typeof(MethodList))]
[JsonSerializable(typeof(DaemonMetrics))]
[JsonSerializable(typeof(CreateProjectResult))]
[JsonSerializable(typeof(FileResult))]
[JsonSerializable(typeof(ProjectInfo))]
[JsonSerializable(typeof(ProjectStatus))]
[JsonSerializable(typeof(ProjectList))]
[JsonSerializable(typeof(VoxelResult))]
[JsonSerializable(typeof(VoxelInfo))]
[JsonSerializable(typeof(BatchResult))]
[JsonSerializable(typeof(BoundingBoxResult))]
[JsonSerializable(typeof(VoxelsRegion))]
[JsonSerializable(typeof(LayerResult))]
[JsonSerializable(typeof(LayerList))]
[JsonSerializable(typeof(RenderResult))]
[JsonSerializable(typeof(ColorHistogram))]
[JsonSerializable(typeof(FoundVoxels))]
[JsonSerializable(typeof(UniqueColors))]
[JsonSerializable(typeof(Camera))]
[JsonSerializable(typeof(ScriptResult))]
public sealed partial class ClientJsonContext : JsonSerializerContext;

/// <summary>Contracts of wire shapes the client decodes before handing results out (packed voxel pages, exported data).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VoxelPage))]
[JsonSerializable(typeof(ExportedModelWire))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
