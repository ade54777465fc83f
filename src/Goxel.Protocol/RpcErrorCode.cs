namespace Goxel.Protocol;

/// <summary>JSON-RPC 2.0 error codes, and the original daemon's application codes.</summary>
public static class RpcErrorCode
{
    /// <summary>Invalid JSON, or a message over the size limit.</summary>
    public const int ParseError = -32700;

    /// <summary>Valid JSON that is not a request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>No method of that name.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Parameters of the wrong shape or out of range.</summary>
    public const int InvalidParams = -32602;

    /// <summary>A failure inside the daemon.</summary>
    public const int InternalError = -32603;

    /// <summary>The request ran into a resource limit (cells, memory); the message names the limit's key.</summary>
    public const int LimitExceeded = -32000;
}
