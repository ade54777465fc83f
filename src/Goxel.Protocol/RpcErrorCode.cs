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

    /// <summary>The request ran (or waited for its project) longer than <c>daemon.timeout_ms</c>; nothing was changed.</summary>
    public const int RequestTimedOut = -1031;

    /// <summary>The project already has <c>daemon.request_queue_size</c> requests waiting for it; nothing was done.</summary>
    public const int ProjectBusy = -1032;
}
