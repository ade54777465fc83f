namespace Goxel.Protocol;

/// <summary>
/// Where a long method reports how far it got: JSON-RPC notifications
/// <c>{"jsonrpc":"2.0","method":"progress","params":{"id":ID,"done":N,"total":M}}</c> that reach
/// the client before the request's response. A request without an id (a notification, an MCP
/// tool call) has nobody to tell: <see cref="CanReport"/> is false and reports are dropped.
/// </summary>
public readonly struct RequestProgress
{
    // The envelope running the request: it knows the request's id (kept there, so params stay small to pass around).
    private readonly RpcProcessor? _processor;

    internal RequestProgress(RpcProcessor processor) => _processor = processor;

    /// <summary>True when reports reach a client.</summary>
    public bool CanReport => _processor?.RunningHasId == true;

    /// <summary>Tells the client that <paramref name="done"/> of <paramref name="total"/> units are done.</summary>
    public void Report(long done, long total)
    {
        if (CanReport) _processor!.WriteProgress(done, total);
    }
}
