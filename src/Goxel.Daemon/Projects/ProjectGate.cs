using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Goxel.Daemon.Projects;

/// <summary>
/// The lock that gives one request at a time a project, in arrival order. A plain lock lets a
/// thread that just released it take it again before the thread it woke gets a core: with many
/// clients on one project (two cores, dozens of connection threads) some waited seconds while
/// others went round again and again (soak p99.9 of writes to a shared project ~0.6 s). Here a
/// request that finds the project busy joins a line, and the work in line runs in order.
/// Handing the project to one sleeping thread at every turn would leave it idle until that
/// thread gets a core (tried: the shared project then did 70 requests/s), so a request in line
/// gives its work along (<see cref="TryRun"/>) and whichever thread holds the project runs the
/// line (flat combining), waking each waiter with its result: a request leaving the project
/// (<see cref="ExitRunningLine"/>) for up to <see cref="CombiningTime"/>, and a request that
/// finds the project free with a line (the last holder left, its time up) runs the line up to
/// its own turn. Only a waiter that must run its own code (<see cref="TryEnter(TimeSpan)"/>:
/// scripts, checkpoints) is handed the project. Reentrant, like the lock it replaces (a
/// script's edit runs inside the request that holds the project).
/// </summary>
public sealed class ProjectGate
{
    /// <summary>
    /// How long a leaving request runs others' work before it leaves the project to the line
    /// (bounds the delay of its own response).
    /// </summary>
    public static readonly TimeSpan CombiningTime = TimeSpan.FromMilliseconds(2);

    private static readonly long CombiningTicks = (long)(CombiningTime.TotalSeconds * Stopwatch.Frequency);

    private readonly Lock _state = new();
    private readonly LinkedList<Turn> _line = new();
    private int _owner;
    private int _depth;

    // Whether the holder is an event loop's thread, whose work is quick (Protocol.InlineRequests).
    private bool _ownerQuick;

    // The event loop that first took the project: a loop's request that has to wait for it
    // there asks for its connection to be served on this loop (Protocol.InlineRequests.GatherOn),
    // so the connections of a shared project come together on one loop instead of two loops
    // taking turns at it (docs/performance.md, "Connections gather on their project's loop").
    private object? _home;

    // Whether a loop has had to wait for it: the connections that use it on its home loop stay
    // there (Protocol.InlineRequests.Settle) when loops even out their connections.
    private bool _shared;

    // Each thread waits with one turn of its own, reused for every wait.
    [ThreadStatic] private static Turn? t_turn;

    /// <summary>Requests waiting in line right now.</summary>
    public int InLine
    {
        get
        {
            lock (_state) return _line.Count;
        }
    }

    /// <summary>Takes the project if it is free and nobody is in line (or this thread holds it already).</summary>
    public bool TryEnter()
    {
        var me = Environment.CurrentManagedThreadId;
        lock (_state) return TakeIfFree(me);
    }

    /// <summary>Takes the project, waiting in line up to <paramref name="timeout"/> (infinite: -1 ms); false when the time ran out.</summary>
    public bool TryEnter(TimeSpan timeout) => Wait(null, timeout, static () => false);

    /// <summary>Takes the project, however long the line (for work that must not fail: checkpoints, close).</summary>
    public Scope EnterScope()
    {
        TryEnter(Timeout.InfiniteTimeSpan);
        return new Scope(this);
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding the project, on this thread when it is free, else in
    /// line: then the thread holding the project may run it (this one waits for the result; an
    /// exception of the work is thrown here). Waits up to <paramref name="timeout"/> for its turn,
    /// and asks <paramref name="giveUp"/> once it is in line and again after every
    /// <see cref="Alert"/>; false (the work did not run) when the time ran out or it gave up first.
    /// On an event loop's thread, a project held or awaited by anything but loops' quick work is
    /// not waited for: <see cref="Protocol.RequestDeferredException"/>.
    /// </summary>
    public bool TryRun(Action work, TimeSpan timeout, Func<bool> giveUp)
    {
        if (!Wait(work, timeout, giveUp)) return false;
        // Run for it by the thread holding the project (a thread entering again has no turn of its own).
        if (t_turn is { State: TurnState.Done } turn)
        {
            turn.State = TurnState.Idle;
            var failure = turn.Failure;
            turn.Failure = null;
            failure?.Throw();
            return true;
        }
        try
        {
            work();
        }
        finally
        {
            ExitRunningLine();
        }
        return true;
    }

    /// <summary>
    /// Wakes everyone in line to ask their give-up question again (a script published the state
    /// readers may answer from). Waiters sleep until then instead of polling: 25 readers in line
    /// polling every 2 ms, as they did, wake 12,500 times a second for nothing.
    /// </summary>
    public void Alert()
    {
        lock (_state)
            foreach (var turn in _line)
                if (turn.State == TurnState.Waiting)
                {
                    turn.Alerted = true;
                    turn.Signal.Set();
                }
    }

    /// <summary>Leaves the project to the line (the first in line takes it on).</summary>
    public void Exit()
    {
        if (Leaving()) RunLine(null, 0);
    }

    /// <summary>
    /// Leaves the project after a request, running the work of those in line first, in order, for
    /// up to <see cref="CombiningTime"/>. Only for request paths that hold no other lock, since
    /// the work of others runs under whatever this thread holds.
    /// </summary>
    public void ExitRunningLine()
    {
        if (Leaving()) RunLine(null, CombiningTicks);
    }

    // True when this thread's last hold ends with a line waiting (it still holds the project, at depth 1, to run it).
    private bool Leaving()
    {
        lock (_state)
        {
            if (_owner != Environment.CurrentManagedThreadId) throw new SynchronizationLockException("the project is not held by this thread");
            if (_depth > 1)
            {
                _depth--;
                return false;
            }
            if (_line.First is not null) return true;
            // Nobody waits (most requests): the project is simply free, without a second look under the lock.
            _owner = 0;
            return false;
        }
    }

    /// <summary>
    /// Holding the project, runs the work in line in order: up to <paramref name="own"/> turn
    /// (true: it is out of the line and this thread holds the project), or, without one, until
    /// the line is empty or <paramref name="budget"/> (Stopwatch ticks from the first look at a
    /// line) is spent (the project is left: false). A waiter that runs its own code is handed
    /// the project (false).
    /// </summary>
    private bool RunLine(Turn? own, long budget)
    {
        // The clock is read only once there is a line: most requests leave an idle project.
        var until = 0L;
        while (true)
        {
            Turn? wake = null, run = null;
            lock (_state)
            {
                if (_line.First?.Value is not { } first)
                {
                    _owner = 0;
                    return false;
                }
                if (first == own)
                {
                    _line.RemoveFirst();
                    return true;
                }
                if (first.Work is null)
                {
                    // A thread that runs its own code is handed the project.
                    _line.RemoveFirst();
                    first.State = TurnState.Handed;
                    (_owner, _depth, _ownerQuick) = (first.ThreadId, 1, first.Quick);
                    wake = first;
                }
                else if (own is null && (Spent(ref until, budget) || (!first.Quick && Protocol.InlineRequests.Active)))
                {
                    // (An event loop runs only work that loops give in line, which is quick: any
                    // other may take long, and then the loop's other connections would wait.)
                    // Left to the line: the first is woken to take it on (unless someone arriving does first).
                    _owner = 0;
                    wake = first;
                }
                else
                {
                    _line.RemoveFirst();
                    first.State = TurnState.Running;
                    _depth = 1;
                    run = first;
                }
            }
            if (wake is not null)
            {
                wake.Signal.Set();
                return false;
            }
            try
            {
                run!.Work!();
            }
            catch (Exception ex)
            {
                run!.Failure = ExceptionDispatchInfo.Capture(ex);
            }
            lock (_state) run.State = TurnState.Done;
            run.Signal.Set();
        }
    }

    // Whether the combining budget, started at its first look (until 0), is spent.
    private static bool Spent(ref long until, long budget)
    {
        var now = Stopwatch.GetTimestamp();
        if (until == 0) until = now + budget;
        return now >= until;
    }

    // Takes the project, or joins the line and waits until its work was run (Done), it was handed
    // the project, or it took a project left to the line and ran the line up to its own turn;
    // false when the time ran out or giveUp said so first. giveUp is asked once in line (what it
    // looks for may have come just before: whoever brings it alerts the line after, under _state)
    // and after each alert.
    private bool Wait(Action? work, TimeSpan timeout, Func<bool> giveUp)
    {
        var me = Environment.CurrentManagedThreadId;
        Turn turn;
        lock (_state)
        {
            if (TakeIfFree(me)) return true;
            if (Protocol.InlineRequests.Loop is { } loop)
            {
                if (!OnlyQuickAhead()) throw Protocol.RequestDeferredException.Instance;
                _shared = true;
                if (_home is { } home && home != loop) Protocol.InlineRequests.GatherOn(home);
            }
            turn = t_turn ??= new Turn(me);
            turn.State = TurnState.Waiting;
            turn.Work = work;
            turn.Quick = Protocol.InlineRequests.Active;
            turn.Alerted = false;
            turn.Signal.Reset();
            _line.AddLast(turn.Place);
            TakeLeftToLine(turn, me);
        }
        try
        {
            var due = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            var ask = true;
            while (true)
            {
                if (Volatile.Read(ref _owner) == me && turn.State == TurnState.Waiting)
                {
                    if (RunLine(turn, 0)) return true;
                    // Handed the project to a waiter that runs its own code: wait on.
                    continue;
                }
                var stop = ask && turn.State == TurnState.Waiting && giveUp();
                if (!stop)
                {
                    // Work already running for it is waited for to its end.
                    var running = turn.State == TurnState.Running;
                    var left = due == long.MaxValue || running ? long.MaxValue : due - Environment.TickCount64;
                    var signalled = turn.Signal.Wait(left >= int.MaxValue ? Timeout.Infinite : (int)Math.Max(0, left));
                    stop = !signalled && Environment.TickCount64 >= due;
                }
                Turn? nudge = null;
                lock (_state)
                {
                    if (turn.State is TurnState.Done or TurnState.Handed) return true;
                    ask = turn.Alerted;
                    turn.Alerted = false;
                    if (turn.State == TurnState.Waiting && stop)
                    {
                        _line.Remove(turn.Place);
                        turn.State = TurnState.Idle;
                        // A project left to the line must not be left to a waiter that just went.
                        if (_owner == 0) nudge = _line.First?.Value;
                    }
                    else if (!TakeLeftToLine(turn, me))
                    {
                        // Still waiting, or its work is running: wait for the next signal.
                        turn.Signal.Reset();
                    }
                }
                if (turn.State == TurnState.Idle)
                {
                    nudge?.Signal.Set();
                    return false;
                }
            }
        }
        finally
        {
            turn.Work = null;
        }
    }

    // Under _state: enters again when this thread holds the project, or takes it when it is free
    // and nobody is in line.
    private bool TakeIfFree(int me)
    {
        if (_owner == me) _depth++;
        else if (_owner == 0 && _line.First is null)
        {
            var loop = Protocol.InlineRequests.Loop;
            (_owner, _depth, _ownerQuick) = (me, 1, loop is not null);
            _home ??= loop;
            if (_shared && loop is not null)
            {
                // A loop has waited for it: served here if this is its home, else gathered there
                // even when it found the project free (a loop kept from running by a busy machine
                // leaves it free for the other, which would then keep serving it).
                if (_home == loop) Protocol.InlineRequests.Settle();
                else Protocol.InlineRequests.GatherOn(_home!);
            }
        }
        else return false;
        return true;
    }

    // Under _state: whether only event loops' quick work holds the project and waits in line, so an
    // event loop may wait its turn (else its request is deferred to a thread of its own: a slow
    // request, a script or a checkpoint ahead would hold up every connection of the loop).
    private bool OnlyQuickAhead()
    {
        if (_owner != 0 && !_ownerQuick) return false;
        foreach (var turn in _line)
            if (!turn.Quick)
                return false;
        return true;
    }

    // Under _state: takes a project its last holder left to the line, to run the line up to this
    // turn. Work waiters do whenever they see one; a waiter that runs its own code only when it is
    // first (it may hold other locks, so it must not run others' work).
    private bool TakeLeftToLine(Turn turn, int me)
    {
        if (_owner != 0 || turn.State != TurnState.Waiting || (turn.Work is null && _line.First != turn.Place)) return false;
        (_owner, _depth, _ownerQuick) = (me, 1, turn.Quick);
        return true;
    }

    /// <summary>Holds the project until disposed (<c>using (gate.EnterScope())</c>).</summary>
    public readonly ref struct Scope(ProjectGate gate)
    {
        /// <summary>Leaves the project.</summary>
        public void Dispose() => gate.Exit();
    }

    private enum TurnState
    {
        Idle,
        Waiting,
        Running,
        Done,
        Handed,
    }

    /// <summary>A thread's place in a line: its work to run (null: it runs its own code once handed the project).</summary>
    private sealed class Turn
    {
        public Turn(int threadId)
        {
            ThreadId = threadId;
            Place = new LinkedListNode<Turn>(this);
        }

        public int ThreadId { get; }

        public LinkedListNode<Turn> Place { get; }

        public ManualResetEventSlim Signal { get; } = new(false);

        public Action? Work { get; set; }

        public TurnState State { get; set; }

        /// <summary>Given in line by an event loop's thread, so its work is quick (<see cref="Protocol.InlineRequests"/>).</summary>
        public bool Quick { get; set; }

        /// <summary>Set by <see cref="Alert"/>: ask the give-up question again.</summary>
        public bool Alerted { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
