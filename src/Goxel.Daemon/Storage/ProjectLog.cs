namespace Goxel.Daemon.Storage;

/// <summary>
/// One project's durable side: the journal it appends to (generation N follows snapshot N),
/// its own file for autosave, and what get_project_info's durability block reports. Touched
/// under the project's gate, except the counters the background loop reads.
/// </summary>
public sealed class ProjectLog
{
    internal ProjectLog(string id, int generation, JournalFile journal)
    {
        Id = id;
        Generation = generation;
        Journal = journal;
        BaseLength = journal.Length;
    }

    /// <summary>The project's id.</summary>
    public string Id { get; }

    /// <summary>The journal generation appends go to.</summary>
    internal int Generation { get; set; }

    /// <summary>The journal appends go to.</summary>
    internal JournalFile Journal { get; set; }

    /// <summary>The journal's length right after its base record: more means edits since the last snapshot.</summary>
    internal long BaseLength { get; set; }

    /// <summary>Encodes this project's records.</summary>
    internal RecordWriter Record { get; } = new();

    /// <summary>The layout the journal's last base or change record carried.</summary>
    internal RecordedLayout Layout { get; } = new();

    /// <summary>Committed changes since the project was created or recovered (to tell whether a save saw them all).</summary>
    internal long Changes { get; set; }

    /// <summary>The file the project was loaded from or last saved to, or null.</summary>
    public string? OwnPath { get; internal set; }

    /// <summary>The format of <see cref="OwnPath"/>.</summary>
    public string? OwnFormat { get; internal set; }

    /// <summary>True when the project has changes its own file (or, without one, any file) does not have.</summary>
    public bool Dirty { get; internal set; }

    /// <summary>When the last snapshot was made durable, or null.</summary>
    public DateTime? LastCheckpoint { get; internal set; }

    // The change count the storage loop saw last, and when it first saw it (idle checkpoints):
    // edits only count, where reading the clock on every edit cost a tenth of the journal's work.
    private long _seenChanges;
    private long _seenTick = Environment.TickCount64;

    /// <summary>
    /// How long no change has committed, as of <paramref name="now"/> (<see cref="Environment.TickCount64"/>),
    /// to within the period of the (one) caller's looks.
    /// </summary>
    internal long QuietMilliseconds(long now)
    {
        if (Changes != _seenChanges) (_seenChanges, _seenTick) = (Changes, now);
        return now - _seenTick;
    }

    /// <summary>When autosave last wrote the own file.</summary>
    internal DateTime LastAutosave { get; set; } = DateTime.UtcNow;

    /// <summary>1 while a checkpoint of this project runs.</summary>
    internal int Checkpointing;

    /// <summary>Bytes in the current journal.</summary>
    public long JournalBytes => Journal.Length;

    /// <summary>Bytes of the current journal known to be on the disk (the rest survives a crash of the daemon, not a power cut).</summary>
    public long SyncedBytes => Journal.SyncedLength;

    /// <summary>The current journal file.</summary>
    public string JournalPath => Journal.Path;

    /// <summary>When the journal last reached the disk, or null.</summary>
    public DateTime? LastFsync => Journal.LastSync;

    /// <summary>True when the journal holds edits the last snapshot lacks.</summary>
    internal bool HasEditsSinceSnapshot => Journal.Length > BaseLength;
}
