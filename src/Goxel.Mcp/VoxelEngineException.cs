namespace Goxel.Mcp;

/// <summary>A failed engine call: the daemon's error code and message, or a lost connection.</summary>
public sealed class VoxelEngineException : Exception
{
    /// <summary>An error the engine answered with.</summary>
    public VoxelEngineException(int code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    /// <summary>JSON-RPC error code; <see cref="ConnectionLost"/> when the daemon could not be reached.</summary>
    public int Code { get; }

    /// <summary>The code for "no answer from the daemon" (not a wire code: the call never completed).</summary>
    public const int ConnectionLost = -1;
}
