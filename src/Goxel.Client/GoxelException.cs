namespace Goxel.Client;

/// <summary>Base of every exception this SDK throws.</summary>
public class GoxelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoxelException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The daemon answered with a JSON-RPC error object.</summary>
public sealed class GoxelRpcException : GoxelException
{
    /// <summary>Creates the exception.</summary>
    public GoxelRpcException(string method, int code, string message, string? data = null)
        : base($"{method}: {message} ({code})")
    {
        Method = method;
        Code = code;
        RpcMessage = message;
        ErrorData = data;
    }

    /// <summary>The method whose call failed.</summary>
    public string Method { get; }

    /// <summary>JSON-RPC error code (-32700..-32600 protocol, -1001..-1021 application).</summary>
    public int Code { get; }

    /// <summary>The daemon's message, without method and code.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c> member as raw JSON, when present.</summary>
    public string? ErrorData { get; }

    /// <summary>True when the daemon lacks the method: -32601, or -32603 "Not implemented yet".</summary>
    public bool IsNotImplemented =>
        Code == -32601 || (Code == -32603 && RpcMessage.Contains("not implemented", StringComparison.OrdinalIgnoreCase));
}

/// <summary>No answer within the call's timeout (the daemon may still have executed it).</summary>
public sealed class GoxelTimeoutException : GoxelException
{
    /// <summary>Creates the exception.</summary>
    public GoxelTimeoutException(string method, TimeSpan timeout)
        : base($"{method}: no response within {timeout.TotalMilliseconds:0} ms")
    {
        Method = method;
        Timeout = timeout;
    }

    /// <summary>The method called.</summary>
    public string Method { get; }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>Not connected, cannot connect, or the connection dropped while the call was in flight.</summary>
public sealed class GoxelConnectionException : GoxelException
{
    /// <summary>Creates the exception.</summary>
    public GoxelConnectionException(string message, Exception? inner = null) : base(message, inner) { }
}
