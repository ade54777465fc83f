using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Tests;

/// <summary>The project lock: first come first served, reentrant, and a wait that gives up leaves the line.</summary>
public sealed class ProjectGateTests
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;

    // Starts a thread running body, which waits for the gate, and returns once it is in line.
    private static Thread StartInLine(ProjectGate gate, ThreadStart body)
    {
        var before = gate.InLine;
        var thread = new Thread(body);
        thread.Start();
        SpinWait.SpinUntil(() => gate.InLine > before, TimeSpan.FromSeconds(30));
        Assert.Equal(before + 1, gate.InLine);
        return thread;
    }

    // Starts a thread that waits for the gate, records its turn and leaves; returns once it is in line.
    private static Thread Queue(ProjectGate gate, List<int> turns, int who) => StartInLine(gate, () =>
    {
        Assert.True(gate.TryEnter(Forever));
        lock (turns) turns.Add(who);
        gate.Exit();
    });

    // Runs work on a thread of its own (the gate belongs to threads, not tasks) and returns its result.
    private static Func<T> OnOtherThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        return () =>
        {
            thread.Join();
            return result;
        };
    }

    [Fact]
    public void WaitersGetTheProjectInTheOrderTheyArrived()
    {
        var gate = new ProjectGate();
        var turns = new List<int>();
        Assert.True(gate.TryEnter());
        var threads = Enumerable.Range(0, 8).Select(who => Queue(gate, turns, who)).ToList();
        gate.Exit();
        threads.ForEach(t => t.Join());
        Assert.Equal(Enumerable.Range(0, 8), turns);
    }

    [Fact]
    public void NobodyTakesTheProjectPastTheLine()
    {
        var gate = new ProjectGate();
        var turns = new List<int>();
        Assert.True(gate.TryEnter());
        var waiter = Queue(gate, turns, 1);
        gate.Exit();
        // The holder left with someone in line: the project went to that one, not to whoever asks next.
        Assert.False(gate.TryEnter());
        waiter.Join();
        Assert.True(gate.TryEnter());
        gate.Exit();
    }

    [Fact]
    public void TheHolderMayEnterAgain()
    {
        var gate = new ProjectGate();
        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter(TimeSpan.Zero));
        using (gate.EnterScope()) Assert.Equal(0, gate.InLine);
        var ranAgain = false;
        Assert.True(OnOtherThread(() =>
        {
            // A thread that never waited enters again through TryRun, on its own thread.
            var inner = new ProjectGate();
            Assert.True(inner.TryEnter());
            var ran = inner.TryRun(() => ranAgain = true, Forever, () => false);
            inner.Exit();
            return ran;
        })());
        Assert.True(ranAgain);
        gate.Exit();
        Assert.False(OnOtherThread(gate.TryEnter)());
        gate.Exit();
        Assert.True(OnOtherThread(() =>
        {
            var taken = gate.TryEnter();
            gate.Exit();
            return taken;
        })());
        Assert.Throws<SynchronizationLockException>(gate.Exit);
    }

    [Fact]
    public void AWaitThatTimesOutOrGivesUpLeavesTheLine()
    {
        var gate = new ProjectGate();
        var turns = new List<int>();
        Assert.True(gate.TryEnter());
        var timedOut = OnOtherThread(() => gate.TryEnter(TimeSpan.FromMilliseconds(50)));
        Assert.False(timedOut());
        using var giveUp = new ManualResetEventSlim();
        var gaveUp = false;
        var waiter = StartInLine(gate, () => gaveUp = !gate.TryRun(() => throw new InvalidOperationException("ran"), Forever, () => giveUp.IsSet));
        // The question is asked again only when the line is alerted.
        giveUp.Set();
        Assert.False(waiter.Join(50));
        Assert.Equal(1, gate.InLine);
        gate.Alert();
        waiter.Join();
        Assert.True(gaveUp);
        // On joining the line it is asked at once: what it waits for may have come just before.
        Assert.False(OnOtherThread(() => gate.TryRun(() => throw new InvalidOperationException("ran"), Forever, () => true))());
        Assert.Equal(0, gate.InLine);
        var last = Queue(gate, turns, 3);
        gate.Exit();
        last.Join();
        Assert.Equal([3], turns);
    }

    // Starts a thread that gives its work to the line (recording the turn and the thread that ran
    // it) and returns once it is in line, with a way to wait for its outcome.
    private static Func<Exception?> QueueWork(ProjectGate gate, List<(int Who, int Thread)> turns, int who, bool fail = false, TimeSpan wait = default)
    {
        Exception? failure = null;
        var thread = StartInLine(gate, () =>
        {
            try
            {
                gate.TryRun(() =>
                {
                    lock (turns) turns.Add((who, Environment.CurrentManagedThreadId));
                    Thread.Sleep(wait);
                    if (fail) throw new InvalidOperationException($"work {who} failed");
                }, Forever, () => false);
            }
            catch (InvalidOperationException ex)
            {
                failure = ex;
            }
        });
        return () =>
        {
            thread.Join();
            return failure;
        };
    }

    [Fact]
    public void ARequestLeavingRunsTheWorkInLineInOrderAndEachGetsItsOutcome()
    {
        var gate = new ProjectGate();
        var turns = new List<(int Who, int Thread)>();
        Assert.True(gate.TryEnter());
        var outcomes = Enumerable.Range(0, 6).Select(who => QueueWork(gate, turns, who, fail: who == 3)).ToList();
        gate.ExitRunningLine();
        var failures = outcomes.Select(o => o()).ToList();
        Assert.Equal(Enumerable.Range(0, 6), turns.Select(t => t.Who));
        // It ran here, on the thread that left, with nobody woken to take the project in between
        // (all of it unless this thread lost its core for longer than the combining time).
        Assert.Equal(Environment.CurrentManagedThreadId, turns[0].Thread);
        Assert.Equal("work 3 failed", Assert.Single(failures.OfType<Exception>()).Message);
        Assert.Null(failures[2]);
        Assert.True(gate.TryEnter());
        gate.Exit();
    }

    [Fact]
    public void AFreeProjectRunsTheWorkAtOnceAndAPlainExitHandsTheProjectOver()
    {
        var gate = new ProjectGate();
        var ranOn = 0;
        Assert.True(gate.TryRun(() => ranOn = Environment.CurrentManagedThreadId, Forever, () => false));
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);

        var turns = new List<(int Who, int Thread)>();
        Assert.True(gate.TryEnter());
        var outcome = QueueWork(gate, turns, 1);
        gate.Exit();
        Assert.Null(outcome());
        Assert.NotEqual(Environment.CurrentManagedThreadId, Assert.Single(turns).Thread);
    }

    [Fact]
    public void AfterItsShareOfTimeTheLeavingRequestHandsTheProjectOn()
    {
        var gate = new ProjectGate();
        var turns = new List<(int Who, int Thread)>();
        Assert.True(gate.TryEnter());
        var slow = QueueWork(gate, turns, 0, wait: ProjectGate.CombiningTime * 2);
        var next = QueueWork(gate, turns, 1);
        gate.ExitRunningLine();
        Assert.Null(slow());
        Assert.Null(next());
        Assert.Equal([0, 1], turns.Select(t => t.Who));
        Assert.Equal(Environment.CurrentManagedThreadId, turns[0].Thread);
        Assert.NotEqual(Environment.CurrentManagedThreadId, turns[1].Thread);
    }

    [Fact]
    public void ManyThreadsEveryWayInOneAtATimeNothingLostNothingStuck()
    {
        var gate = new ProjectGate();
        var inside = 0;
        var count = 0L;
        var expected = 0L;
        void Inside()
        {
            Assert.Equal(1, Interlocked.Increment(ref inside));
            count++;
            Assert.Equal(0, Interlocked.Decrement(ref inside));
        }
        var threads = Enumerable.Range(0, 12).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            for (var i = 0; i < 3000; i++)
            {
                switch (random.Next(4))
                {
                    case 0:
                        if (gate.TryRun(Inside, TimeSpan.FromMilliseconds(random.Next(3)), () => false)) Interlocked.Increment(ref expected);
                        break;
                    case 1:
                        if (!gate.TryEnter()) break;
                        Inside();
                        Interlocked.Increment(ref expected);
                        gate.ExitRunningLine();
                        break;
                    case 2:
                        if (!gate.TryEnter(TimeSpan.FromMilliseconds(random.Next(3)))) break;
                        Inside();
                        Interlocked.Increment(ref expected);
                        gate.Exit();
                        break;
                    default:
                        Assert.True(gate.TryRun(Inside, Forever, () => false));
                        Interlocked.Increment(ref expected);
                        break;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(120)), "a thread is stuck"));
        Assert.Equal(expected, count);
        Assert.Equal(0, gate.InLine);
        Assert.True(gate.TryEnter());
        gate.Exit();
    }
}
