using System.Text.Json.Serialization;

namespace Goxel.Daemon.Configuration;

/// <summary>Source-generated JSON for quoting setting values in messages.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SettingsJson : JsonSerializerContext;
