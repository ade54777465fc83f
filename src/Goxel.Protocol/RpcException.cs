namespace Goxel.Protocol;

/// <summary>An error a method reports to its caller as a JSON-RPC error object.</summary>
public sealed class RpcException(int code, string message) : Exception(message)
{
    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; } = code;

    /// <summary>-32602 with the given message.</summary>
    public static RpcException InvalidParams(string message) => new(RpcErrorCode.InvalidParams, message);

    /// <summary>-32603 with the given message.</summary>
    public static RpcException Internal(string message) => new(RpcErrorCode.InternalError, message);
}
