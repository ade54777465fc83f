using System.Text.Json;

namespace Goxel.Client;

/// <summary>Result of <c>goxel.execute_script</c>.</summary>
public sealed record ScriptResult
{
    /// <summary>False when the script threw.</summary>
    public bool Success { get; init; }
    /// <summary>0, or -1 when the script threw.</summary>
    public int Code { get; init; }
    /// <summary>What happened.</summary>
    public string Message { get; init; } = "";
    /// <summary>The script's last value.</summary>
    public JsonElement? Result { get; init; }
    /// <summary>Lines from <c>goxel.log</c>.</summary>
    public IReadOnlyList<string> Output { get; init; } = [];
}
