namespace Goxel.Protocol;

/// <summary>
/// Whether the current thread is an event loop's, serving many connections at once: there a
/// request must never wait long. A method the table does not mark quick, a batch, or a request
/// for a project that anything but loops' quick work holds or awaits is deferred instead: thrown as
/// <see cref="RequestDeferredException"/> before it changed anything, for the connection to run
/// it again on a thread of its own. A request that waited for a project another loop serves asks
/// for its connection to be served there from then on (<see cref="GatherOn"/>).
/// </summary>
public static class InlineRequests
{
    [ThreadStatic] private static object? t_loop;
    [ThreadStatic] private static object? t_gatherOn;
    [ThreadStatic] private static bool t_settled;

    /// <summary>The event loop the current thread is (null on any other thread).</summary>
    public static object? Loop
    {
        get => t_loop;
        set => t_loop = value;
    }

    /// <summary>True on an event loop's thread.</summary>
    public static bool Active => t_loop is not null;

    /// <summary>Defers the request when the current thread is an event loop's.</summary>
    public static void DeferOnLoop()
    {
        if (t_loop is not null) throw RequestDeferredException.Instance;
    }

    /// <summary>
    /// Asks that the connection of the request running now be served by <paramref name="loop"/>
    /// once its responses are written (the loop its project is served on).
    /// </summary>
    public static void GatherOn(object loop) => t_gatherOn = loop;

    /// <summary>
    /// Says that the request running now uses a project loops have waited for, served on this
    /// loop: its connection stays here (it is not the one to move when the loops are balanced).
    /// </summary>
    public static void Settle() => t_settled = true;

    /// <summary>Whether a request run since the last call settled its connection (<see cref="Settle"/>), forgotten.</summary>
    public static bool TakeSettled()
    {
        var settled = t_settled;
        t_settled = false;
        return settled;
    }

    /// <summary>The loop a request run since the last call asked its connection to move to (null: none), forgotten.</summary>
    public static object? TakeGathering()
    {
        var loop = t_gatherOn;
        t_gatherOn = null;
        return loop;
    }
}

/// <summary>
/// A request an event loop must not run (see <see cref="InlineRequests"/>), thrown before it
/// changed anything or wrote a response; never answered to the client.
/// </summary>
public sealed class RequestDeferredException : Exception
{
    /// <summary>One instance: it carries nothing, and a loop may defer often.</summary>
    public static readonly RequestDeferredException Instance = new();

    private RequestDeferredException()
        : base("the request must run off the event loop")
    {
    }
}
