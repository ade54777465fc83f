using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>JSON options for building test requests from anonymous objects.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new();
}
