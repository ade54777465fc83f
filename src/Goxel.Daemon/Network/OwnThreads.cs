namespace Goxel.Daemon.Network;

/// <summary>
/// The threads connections run on off an event loop: for a request that may wait, a TCP client's
/// admission, and every connection served on a thread of its own (TLS, server.event_loops 0).
/// A thread is kept for <see cref="KeepIdle"/> after its turn, so the next deferred request does
/// not pay a thread start: measured 50-70 us on a small request, four times its round trip.
/// </summary>
internal static class OwnThreads
{
    private static readonly TimeSpan KeepIdle = TimeSpan.FromSeconds(30);
    private static readonly System.Collections.Concurrent.ConcurrentStack<Kept> s_idle = new();

    /// <summary>Runs <paramref name="work"/> on an idle kept thread, or a new one.</summary>
    public static void Run(Action work)
    {
        while (s_idle.TryPop(out var kept))
            if (kept.Give(work))
                return;
        new Kept(work);
    }

    private sealed class Kept
    {
        private readonly SemaphoreSlim _wake = new(0);
        private readonly Lock _state = new();
        private Action? _work;
        private bool _retired;

        public Kept(Action work)
        {
            _work = work;
            new Thread(Serve) { IsBackground = true, Name = "goxel-connection" }.Start();
        }

        // False when the thread has retired (it stayed idle past KeepIdle): the caller finds another.
        public bool Give(Action work)
        {
            lock (_state)
            {
                if (_retired) return false;
                _work = work;
            }
            _wake.Release();
            return true;
        }

        private void Serve()
        {
            while (true)
            {
                Action? work;
                lock (_state)
                {
                    work = _work;
                    _work = null;
                }
                // (None after a wait that ran out just as work was given: its release woke this one.)
                if (work is not null)
                {
                    work();
                    s_idle.Push(this);
                }
                if (_wake.Wait(KeepIdle)) continue;
                lock (_state)
                {
                    // Given work just as the wait ran out.
                    if (_work is not null) continue;
                    _retired = true;
                }
                return;
            }
        }
    }
}
