namespace Goxel.Protocol;

/// <summary>
/// Whether the current thread is an event loop's, serving many connections at once: there a
/// request must never wait long. A method the table does not mark quick, a batch, or a request
/// for a project that anything but loops' quick work holds or awaits is deferred instead: thrown as
/// <see cref="RequestDeferredException"/> before it changed anything, for the connection to run
/// it again on a thread of its own.
/// </summary>
public static class InlineRequests
{
    [ThreadStatic] private static bool t_active;

    /// <summary>True on an event loop's thread.</summary>
    public static bool Active
    {
        get => t_active;
        set => t_active = value;
    }

    /// <summary>Defers the request when the current thread is an event loop's.</summary>
    public static void DeferOnLoop()
    {
        if (t_active) throw RequestDeferredException.Instance;
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
