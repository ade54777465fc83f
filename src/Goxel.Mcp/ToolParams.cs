using System.Text.Json.Nodes;

namespace Goxel.Mcp;

/// <summary>Building a wire method's named params from tool arguments; absent arguments stay absent.</summary>
internal static class ToolParams
{
    /// <summary>Params with the optional project_id every tool takes.</summary>
    public static JsonObject For(string? projectId)
    {
        var parameters = new JsonObject();
        if (projectId is not null) parameters["project_id"] = projectId;
        return parameters;
    }

    /// <summary>Sets <paramref name="key"/> when <paramref name="value"/> is given.</summary>
    public static JsonObject With(this JsonObject parameters, string key, JsonNode? value)
    {
        if (value is not null) parameters[key] = value;
        return parameters;
    }

    /// <summary>An int array as JSON; null stays null.</summary>
    public static JsonArray? Array(int[]? values) => values is null ? null : new JsonArray([.. values.Select(v => (JsonNode)v)]);

    /// <summary>[x, y, z] checked for length.</summary>
    public static int[] Cell(int[] cell, string name) =>
        cell is { Length: 3 } ? cell : throw new ArgumentException($"{name} must be [x, y, z] (integers)");
}
