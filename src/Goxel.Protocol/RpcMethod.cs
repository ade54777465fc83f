using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// A method body: reads its params and writes exactly one JSON value (its result) to
/// <paramref name="result"/>, or throws <see cref="RpcException"/>.
/// </summary>
public delegate void RpcMethod(RpcParams parameters, Utf8JsonWriter result);

/// <summary>Finds the body of a method by its wire name.</summary>
public interface IRpcMethodTable
{
    /// <summary>The method registered under <paramref name="name"/>, if any.</summary>
    bool TryGet(string name, out RpcMethod method);

    /// <summary>Who hears of each method run from this table, if anyone.</summary>
    IRequestObserver? Observer => null;

    /// <summary>
    /// Whether <paramref name="name"/> always answers quickly (bounded work, no file or network
    /// I/O), so an event loop may run it among other connections' requests (<see cref="InlineRequests"/>).
    /// </summary>
    bool IsQuick(string name) => false;
}
