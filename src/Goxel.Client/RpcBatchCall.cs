using System.Text.Json;
using System.Text.Json.Nodes;

namespace Goxel.Client;

/// <summary>One element of <see cref="GoxelDaemonClient.BatchAsync"/>.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Parameters">Params (object, array or null).</param>
/// <param name="Notification">Send without id: executed, never answered.</param>
public sealed record RpcBatchCall(string Method, JsonNode? Parameters = null, bool Notification = false);

/// <summary>What one batch element came to: a result, or the error it failed with.</summary>
/// <param name="Result">The result (undefined for a notification or a failure).</param>
/// <param name="Error">The failure, or null.</param>
public sealed record RpcOutcome(JsonElement Result, GoxelException? Error)
{
    /// <summary>True when the element succeeded.</summary>
    public bool Succeeded => Error is null;
}
