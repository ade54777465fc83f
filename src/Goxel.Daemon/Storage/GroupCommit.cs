using System.Collections.Concurrent;
using Goxel.Daemon.Configuration;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Storage;

/// <summary>
/// Gets journal appends to the disk as storage.fsync says. Every append takes a sequence
/// number; one thread flushes the journals written since its last round and then declares
/// everything numbered before the round durable. With <see cref="FsyncPolicy.Always"/>, a
/// connection waits before writing its responses until its own appends are durable, so all
/// connections waiting at the same time share one flush (group commit) and a pipelined
/// connection waits once for everything it read together; with
/// <see cref="FsyncPolicy.EverySecond"/> the round runs once a second and nobody waits.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    [ThreadStatic] private static GroupCommit? t_commit;
    [ThreadStatic] private static long t_sequence;

    private readonly FsyncPolicy _policy;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<JournalFile> _dirty = new();
    private readonly ConcurrentDictionary<string, bool> _dirtyDirectories = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly Thread? _thread;
    private long _appended;
    private long _durable;
    private long _wanted;
    private long _failedRound;
    private bool _stopping;
    private long _fsyncs;
    private long _lastFsyncTicks;

    public GroupCommit(FsyncPolicy policy, ILogger logger)
    {
        _policy = policy;
        _logger = logger;
        if (policy == FsyncPolicy.Off) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "goxel group commit" };
        _thread.Start();
    }

    /// <summary>
    /// Waits until every append this thread made is durable (with <see cref="FsyncPolicy.Always"/>;
    /// otherwise returns at once). False when a flush failed: the caller must not acknowledge.
    /// </summary>
    public static bool AwaitThisThread()
    {
        var commit = t_commit;
        if (commit is null) return true;
        t_commit = null;
        return commit.WaitFor(t_sequence);
    }

    /// <summary>True when the current thread's next response waits for the disk (an append under <see cref="FsyncPolicy.Always"/>).</summary>
    public static bool Owed => t_commit is not null;

    /// <summary>
    /// What the current thread's next response must wait for (with <see cref="FsyncPolicy.Always"/>):
    /// read around work run for another request's thread, and given to that thread with <see cref="Owe"/>.
    /// </summary>
    public static (GroupCommit? Commit, long Sequence) Pending => (t_commit, t_sequence);

    /// <summary>Makes the current thread's next response wait for <paramref name="pending"/> too (appends made for it by another thread).</summary>
    public static void Owe((GroupCommit? Commit, long Sequence) pending)
    {
        if (pending.Commit is null || (t_commit is not null && t_sequence >= pending.Sequence)) return;
        t_commit = pending.Commit;
        t_sequence = pending.Sequence;
    }

    /// <summary>Files and directories flushed to the disk since start.</summary>
    public long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>When the last flush to the disk ended (UTC), if any.</summary>
    public DateTime? LastFsync => Interlocked.Read(ref _lastFsyncTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <summary>Notes a directory whose entries changed (a journal created, renamed or deleted in it).</summary>
    public void DirectoryChanged(string directory)
    {
        if (_policy != FsyncPolicy.Off) _dirtyDirectories[directory] = true;
    }

    /// <summary>Notes an append to <paramref name="file"/>, made by the current thread.</summary>
    public void Appended(JournalFile file)
    {
        if (_policy == FsyncPolicy.Off) return;
        // Queue before numbering: a round that sees this number also finds the file queued.
        if (file.TryQueue()) _dirty.Enqueue(file);
        Number();
    }

    /// <summary>Makes the current thread's next response wait for the next round (after a directory change alone).</summary>
    public void Barrier()
    {
        if (_policy != FsyncPolicy.Off) Number();
    }

    private void Number()
    {
        // Only `always` waits for numbers; everysec's round flushes whatever is queued.
        if (_policy != FsyncPolicy.Always) return;
        var sequence = Interlocked.Increment(ref _appended);
        t_commit = this;
        t_sequence = sequence;
    }

    private bool WaitFor(long sequence)
    {
        // Flushed already (a round that others asked for covered it): no need to take the lock
        // every waiter and the flusher contend for.
        if (Volatile.Read(ref _durable) >= sequence) return true;
        lock (_gate)
        {
            if (_durable >= sequence) return true;
            if (_wanted < sequence)
            {
                _wanted = sequence;
                Monitor.PulseAll(_gate);
            }
            while (_durable < sequence && _failedRound < sequence && !_stopping) Monitor.Wait(_gate);
            return _durable >= sequence;
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_policy == FsyncPolicy.Always)
                    while (!_stopping && _wanted <= _durable) Monitor.Wait(_gate);
                else if (!_stopping) Monitor.Wait(_gate, TimeSpan.FromSeconds(1));
                if (_stopping) return;
            }
            Round();
        }
    }

    /// <summary>Flushes everything appended so far and wakes those waiting for it.</summary>
    private void Round()
    {
        var target = Interlocked.Read(ref _appended);
        var ok = true;
        foreach (var directory in _dirtyDirectories.Keys)
        {
            _dirtyDirectories.TryRemove(directory, out _);
            ok &= Flush(() => { if (Directory.Exists(directory)) Posix.SyncDirectory(directory); }, directory);
        }
        var count = _dirty.Count;
        for (var i = 0; i < count && _dirty.TryDequeue(out var file); i++)
        {
            if (Flush(file.Sync, file.Path)) continue;
            ok = false;
            // Tried again next round.
            if (file.TryQueue()) _dirty.Enqueue(file);
        }
        lock (_gate)
        {
            if (ok) Volatile.Write(ref _durable, Math.Max(_durable, target));
            else _failedRound = Math.Max(_failedRound, target);
            Monitor.PulseAll(_gate);
        }
    }

    private bool Flush(Action sync, string path)
    {
        try
        {
            sync();
            Interlocked.Increment(ref _fsyncs);
            Interlocked.Exchange(ref _lastFsyncTicks, DateTime.UtcNow.Ticks);
            return true;
        }
        catch (IOException ex)
        {
            _logger.LogError("storage: flushing {Path} to disk failed: {Reason}; the requests waiting for it get no reply", path, ex.Message);
            return false;
        }
    }

    /// <summary>Flushes what is left and stops the thread.</summary>
    public void Dispose()
    {
        if (_thread is null) return;
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        Round();
    }
}
