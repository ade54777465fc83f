using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Goxel.Mcp;

/// <summary>
/// Contracts for the tools' parameter and return types. NativeAOT has no reflection-based
/// serializer, so the SDK finds these here (this context comes first in the tools' options).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(int[][]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(double?))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
