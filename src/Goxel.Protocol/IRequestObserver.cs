namespace Goxel.Protocol;

/// <summary>
/// Hears of every method run on the dispatch path (<see cref="RpcProcessor.Run"/>), once it has
/// finished: metrics and the request log. Called on the connection's thread for every request,
/// so an implementation must be cheap, thread-safe and must not allocate.
/// </summary>
public interface IRequestObserver
{
    /// <summary>
    /// <paramref name="method"/> ran for <paramref name="elapsed"/>; <paramref name="failed"/> when
    /// it answered an error. <paramref name="messageBytes"/> is the size of the message that
    /// carried it (a whole batch for a batch member; 0 when it did not come from a connection).
    /// </summary>
    void Completed(string method, TimeSpan elapsed, bool failed, in RpcParams parameters, long messageBytes);
}
