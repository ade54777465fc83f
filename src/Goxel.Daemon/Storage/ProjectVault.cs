using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Goxel.Core;
using Goxel.Daemon.Configuration;
using Goxel.Formats;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Storage;

/// <summary>
/// The projects kept in the data directory. Each project has, under projects/, journals
/// <c>ID.GEN.journal</c> and snapshots <c>ID.GEN.gox</c>: journal N holds the edits made after
/// snapshot N (journal 0 needs none: the project started empty). A checkpoint starts journal
/// N+1, writes snapshot N+1 and then deletes every older file. current.log records the current
/// project. A journal's existence is the project's existence: close deletes it first.
/// </summary>
public sealed class ProjectVault : IDisposable
{
    /// <summary>The error code of an edit refused because its journal record could not be written.</summary>
    public const int StorageErrorCode = -1030;

    private readonly DataDirectory _directory;
    private readonly GroupCommit _commit;
    private readonly ILogger _logger;
    private readonly Lock _stateGate = new();
    private readonly RecordWriter _stateRecord = new();
    private JournalFile? _state;
    private long _journalBytes;

    // Every project's log with an open journal, so shutdown closes them (cutting their reserved space).
    private readonly ConcurrentDictionary<string, ProjectLog> _logs = new(StringComparer.Ordinal);

    /// <summary>Storage in <paramref name="directory"/> (already locked), as <paramref name="settings"/> say.</summary>
    public ProjectVault(DataDirectory directory, StorageSettings settings, ILogger<ProjectVault> logger)
    {
        _directory = directory;
        Settings = settings;
        _logger = logger;
        _commit = new GroupCommit(settings.Fsync, logger);
    }

    /// <summary>The storage settings in effect.</summary>
    public StorageSettings Settings { get; }

    /// <summary>The data directory.</summary>
    public string DataPath => _directory.Path;

    /// <summary>Journal bytes written by edits since start, files flushed to the disk, and when the last flush ended.</summary>
    public (long Bytes, long Fsyncs, DateTime? LastFsync) JournalFigures => (Interlocked.Read(ref _journalBytes), _commit.Fsyncs, _commit.LastFsync);

    /// <summary>What the last recovery found.</summary>
    public RecoveryReport Recovery { get; private set; } = new();

    private string FileOf(string id, int generation, string extension) =>
        Path.Combine(_directory.Projects, $"{id}.{generation.ToString("D6", CultureInfo.InvariantCulture)}.{extension}");

    /// <summary>
    /// Starts the journal of a new project. A project that already holds voxels (loaded from a
    /// file) gets snapshot 1 first, so the journal never has to carry the whole file.
    /// </summary>
    public ProjectLog Create(string id, Project project, string? ownPath, string? ownFormat)
    {
        var generation = 0;
        if (project.VoxelCount > 0 || project.Layers.Count > 1)
        {
            generation = 1;
            Storage(() => SnapshotFile.Write(project, FileOf(id, 1, "gox")), "writing the first snapshot");
        }
        var log = Storage(() => StartJournal(id, generation, project, ownPath, ownFormat, dirty: ownPath is null && project.VoxelCount > 0), "creating the journal");
        if (generation > 0) log.LastCheckpoint = DateTime.UtcNow;
        return log;
    }

    private ProjectLog StartJournal(string id, int generation, Project project, string? ownPath, string? ownFormat, bool dirty)
    {
        var journal = JournalFile.Create(FileOf(id, generation, "journal"));
        var log = new ProjectLog(id, generation, journal) { OwnPath = ownPath, OwnFormat = ownFormat, Dirty = dirty };
        WriteBaseOrDelete(log, journal, project);
        log.BaseLength = journal.Length;
        _logs[id] = log;
        return log;
    }

    /// <summary>Writes a new journal's base record (the log's own file and the project's layout); on failure the journal is deleted.</summary>
    private void WriteBaseOrDelete(ProjectLog log, JournalFile journal, Project project)
    {
        try
        {
            var record = log.Record;
            record.Begin(RecordKind.Base);
            record.Text(log.Id);
            record.Text(log.OwnPath ?? "");
            record.Text(log.OwnFormat ?? "");
            record.Byte(log.Dirty ? (byte)1 : (byte)0);
            ChangeRecord.WriteLayout(record, project, before: null);
            journal.Append(record.Finish());
            log.Layout.Remember(project);
        }
        catch
        {
            journal.Close();
            File.Delete(journal.Path);
            throw;
        }
        _commit.DirectoryChanged(_directory.Projects);
        _commit.Appended(journal);
    }

    /// <summary>
    /// Journals a committed change (called under the project's gate, before its response is
    /// written). A failed write throws an <see cref="Protocol.RpcException"/> naming the cause,
    /// and History rolls the edit back.
    /// </summary>
    public void Append(ProjectLog log, Project project, HistoryChange change)
    {
        // A version 1 journal (recovered from an earlier daemon) cannot hold cells-only records.
        var withLayout = ChangeRecord.WriteChange(log.Record, project, change, layoutRecorded: log.Journal.Version >= 2 && log.Layout.Matches(project));
        AppendRecord(log);
        if (withLayout) log.Layout.Remember(project);
        log.Changes++;
        log.Dirty = true;
    }

    /// <summary>Records that the project now matches its own file <paramref name="path"/> (after load, save or autosave).</summary>
    public void SetOwnFile(ProjectLog log, string path, string format, bool clean)
    {
        var record = log.Record;
        record.Begin(RecordKind.OwnFile);
        record.Text(path);
        record.Text(format);
        record.Byte(clean ? (byte)0 : (byte)1);
        AppendRecord(log);
        log.OwnPath = path;
        log.OwnFormat = format;
        log.Dirty = !clean;
    }

    /// <summary>
    /// Folds the journal into a snapshot. Under <paramref name="gate"/> it only takes a
    /// copy-on-write snapshot and starts the next journal, so edits wait microseconds; the
    /// snapshot is written outside it. False when another checkpoint of the project runs or
    /// writing failed (the journal chain still recovers everything).
    /// </summary>
    public bool Checkpoint(ProjectLog log, Projects.ProjectGate gate, Func<Project> live)
    {
        if (Interlocked.Exchange(ref log.Checkpointing, 1) == 1) return false;
        try
        {
            Project snapshot;
            JournalFile old;
            int generation;
            using (gate.EnterScope())
            {
                var project = live();
                snapshot = project.Snapshot();
                old = log.Journal;
                generation = log.Generation + 1;
                var next = JournalFile.Create(FileOf(log.Id, generation, "journal"));
                WriteBaseOrDelete(log, next, project);
                log.Journal = next;
                log.Generation = generation;
                log.BaseLength = next.Length;
            }
            // The old journal stays readable until the snapshot that replaces it is durable.
            old.Sync();
            old.Close();
            SnapshotFile.Write(snapshot, FileOf(log.Id, generation, "gox"));
            // Done once the snapshot is durable: whoever sees the old files gone sees this too.
            log.LastCheckpoint = DateTime.UtcNow;
            foreach (var (file, fileGeneration) in FilesOf(log.Id))
                if (fileGeneration < generation) File.Delete(file);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or VoxelFileException)
        {
            _logger.LogWarning("storage: checkpoint of {Project} failed: {Reason}; its journals still hold every edit", log.Id, ex.Message);
            return false;
        }
        finally
        {
            Volatile.Write(ref log.Checkpointing, 0);
        }
    }

    /// <summary>Reads a project that was checkpointed and unloaded back into memory.</summary>
    public Project LoadBack(ProjectLog log)
    {
        // Appends keep going to the journal the log holds open (and mapped: it must not be cut).
        var (project, _) = Replay(log.Id, log.Generation, log.Generation, new RecoveryReport(), reopen: false);
        return project ?? throw new IOException($"project {log.Id} could not be read back from {DataPath}");
    }

    /// <summary>Deletes a closed project's journals and snapshots (journals first: they make the project exist).</summary>
    public void Delete(ProjectLog log)
    {
        _logs.TryRemove(log.Id, out _);
        log.Journal.Close();
        var files = FilesOf(log.Id).OrderBy(f => f.File.EndsWith(".journal", StringComparison.Ordinal) ? 0 : 1).ToList();
        foreach (var (file, _) in files) File.Delete(file);
        _commit.DirectoryChanged(_directory.Projects);
        _commit.Barrier();
    }

    /// <summary>Records which project is current (null for none) and the last id handed out.</summary>
    public void SetCurrent(string? id, long lastId)
    {
        lock (_stateGate)
        {
            if (_state is null)
            {
                _state = Storage(() => JournalFile.Create(Path.Combine(DataPath, "current.log")), "creating current.log");
                _commit.DirectoryChanged(DataPath);
            }
            _stateRecord.Begin(RecordKind.Current);
            _stateRecord.Text(id ?? "");
            _stateRecord.Unsigned((ulong)lastId);
            Storage(() => _state.Append(_stateRecord.Finish()), "writing current.log");
            _commit.Appended(_state);
        }
    }

    private IEnumerable<(string File, int Generation)> FilesOf(string id)
    {
        foreach (var file in Directory.EnumerateFiles(_directory.Projects, id + ".*"))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length == 3 && parts[0] == id && parts[2] is "journal" or "gox"
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
                yield return (file, generation);
        }
    }

    /// <summary>
    /// Recovers every project in the data directory: the newest readable snapshot plus the
    /// journals after it. Torn tails are cut (and logged with their size); corrupt snapshots are
    /// renamed aside and reported. Returns the projects with their logs, the current id and the
    /// last id handed out.
    /// </summary>
    public (List<(ProjectLog Log, Project Project)> Projects, string? Current, long LastId) Recover()
    {
        var clock = Stopwatch.StartNew();
        var report = new RecoveryReport();
        var recovered = new List<(ProjectLog, Project)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_directory.Projects))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length == 3 && parts[2] == "journal") ids.Add(parts[0]);
            else if (parts.Length == 4 && parts[3] == "tmp") File.Delete(file);
        }
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var files = FilesOf(id).ToList();
            var journals = files.Where(f => f.File.EndsWith(".journal", StringComparison.Ordinal)).Select(f => f.Generation).Order().ToList();
            var snapshots = files.Where(f => f.File.EndsWith(".gox", StringComparison.Ordinal)).Select(f => f.Generation).ToHashSet();
            var newest = journals[^1];
            // Bases to try, newest first: a snapshot with every journal from it to the newest, or journal 0 alone.
            var bases = journals.Where(g => (g == 0 || snapshots.Contains(g)) && Enumerable.Range(g, newest - g + 1).All(journals.Contains))
                .OrderDescending().ToList();
            (Project? Project, ProjectLog? Log) result = (null, null);
            foreach (var generation in bases)
            {
                try
                {
                    result = Replay(id, generation, newest, report);
                }
                catch (IOException ex)
                {
                    _logger.LogError("storage: project {Project} could not be read: {Reason}", id, ex.Message);
                }
                if (result.Project is not null) break;
            }
            if (result is not ({ } project, { } log))
            {
                foreach (var (file, _) in files)
                    if (File.Exists(file)) SetAside(file, report);
                report.Lost.Add(id);
                _logger.LogError("storage: project {Project} cannot be recovered (no readable snapshot before its journals); its files were renamed aside", id);
                continue;
            }
            recovered.Add((log, project));
        }
        var (current, lastId) = ReadState();
        lastId = Math.Max(lastId, ids.Select(IdNumber).DefaultIfEmpty(0).Max());
        report.Projects = recovered.Count;
        report.Elapsed = clock.Elapsed;
        Recovery = report;
        _logger.LogInformation("storage: recovered {Count} project(s) from {Directory} in {Ms} ms{Cut}", recovered.Count, DataPath,
            (long)report.Elapsed.TotalMilliseconds, report.CutBytes > 0 ? $", cut {report.CutBytes} torn byte(s)" : "");
        return (recovered, current is not null && recovered.Any(r => r.Item1.Id == current) ? current : null, lastId);
    }

    private static long IdNumber(string id) =>
        id.Length > 1 && long.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// Replays one project from snapshot <paramref name="from"/> (none for 0) through journal
    /// <paramref name="to"/>, and with <paramref name="reopen"/> opens that journal for appending
    /// after its last whole record (at start-up; a project read back keeps the journal it has).
    /// </summary>
    private (Project? Project, ProjectLog? Log) Replay(string id, int from, int to, RecoveryReport report, bool reopen = true)
    {
        Project project;
        if (from == 0) project = new Project("");
        else
        {
            var path = FileOf(id, from, "gox");
            try
            {
                project = SnapshotFile.Read(path);
            }
            catch (Exception ex) when (ex is IOException or VoxelFileException or UnauthorizedAccessException)
            {
                _logger.LogError("storage: snapshot {Path} is damaged ({Reason}); renamed aside", path, ex.Message);
                SetAside(path, report);
                report.CorruptSnapshots.Add(path);
                return (null, null);
            }
        }
        string? ownPath = null, ownFormat = null;
        var dirty = false;
        long validLength = 0, baseEnd = 0;
        var version = JournalFile.CurrentVersion;
        for (var generation = from; generation <= to; generation++)
        {
            var path = FileOf(id, generation, "journal");
            var contents = JournalFile.Read(path);
            var records = contents.Records;
            if (records.Count > 0) baseEnd = records[0].End.Value;
            for (var i = 0; i < records.Count; i++)
            {
                var reader = new RecordReader(contents.Data.AsSpan(records[i]));
                try
                {
                    switch ((RecordKind)reader.Byte())
                    {
                        case RecordKind.Base:
                            reader.Text();
                            ownPath = NullIfEmpty(reader.Text());
                            ownFormat = NullIfEmpty(reader.Text());
                            dirty = reader.Byte() != 0;
                            ChangeRecord.ApplyLayout(ref reader, project);
                            break;
                        case RecordKind.Change:
                            ChangeRecord.ApplyChange(ref reader, project);
                            dirty = true;
                            break;
                        case RecordKind.Cells:
                            ChangeRecord.ApplyCells(ref reader, project);
                            dirty = true;
                            break;
                        case RecordKind.OwnFile:
                            ownPath = reader.Text();
                            ownFormat = reader.Text();
                            dirty = reader.Byte() != 0;
                            break;
                        default:
                            throw new InvalidDataException("unknown record kind");
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException)
                {
                    // A record that passed its CRC but does not decode: a bug, not a torn write. Keep what came before.
                    _logger.LogError("storage: {Path}: record {Index} cannot be applied ({Reason}); recovery stops there", path, i, ex.Message);
                    contents = contents with { ValidLength = records[i].Start.Value - RecordWriter.FrameBytes };
                    break;
                }
            }
            var cut = contents.CutBytes;
            if (cut > 0)
            {
                report.CutBytes += cut;
                _logger.LogWarning("storage: {Path}: cut {Bytes} byte(s) of torn or corrupt tail after its last whole record", path, cut);
            }
            if (contents.ValidLength < JournalFile.Magic.Length)
            {
                _logger.LogError("storage: {Path} is not a journal; renamed aside", path);
                SetAside(path, report);
                return (null, null);
            }
            validLength = contents.ValidLength;
            version = contents.Version;
            if (generation < to && cut > 0) File.WriteAllBytes(path, contents.Data.AsSpan(0, (int)validLength).ToArray());
        }
        if (!reopen) return (project, null);
        var journal = JournalFile.OpenAt(FileOf(id, to, "journal"), validLength, version);
        var log = new ProjectLog(id, to, journal) { OwnPath = ownPath, OwnFormat = ownFormat, Dirty = dirty };
        _logs[id] = log;
        if (from > 0) log.LastCheckpoint = File.GetLastWriteTimeUtc(FileOf(id, from, "gox"));
        // A chain of journals (a checkpoint that did not finish) is folded at the next checkpoint.
        log.BaseLength = from == to ? Math.Min(baseEnd, validLength) : 0;
        return (project, log);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private (string? Current, long LastId) ReadState()
    {
        var path = Path.Combine(DataPath, "current.log");
        string? current = null;
        long lastId = 0;
        // No log yet: the first change of state creates it (SetCurrent).
        if (!File.Exists(path)) return (null, 0);
        var contents = JournalFile.Read(path);
        foreach (var range in contents.Records)
        {
            var reader = new RecordReader(contents.Data.AsSpan(range));
            if ((RecordKind)reader.Byte() != RecordKind.Current) continue;
            current = NullIfEmpty(reader.Text());
            lastId = (long)reader.Unsigned();
        }
        // A log of one whole record is compact already: it is appended to as it is (rewriting it
        // cost every start a file and a directory fsync, half of a journaled start-up).
        if (contents is { Records.Count: 1, CutBytes: 0 })
        {
            _state = JournalFile.OpenAt(path, contents.ValidLength, contents.Version);
            return (current, lastId);
        }
        // Start a compact log holding only the state now.
        var fresh = path + ".new";
        File.Delete(fresh);
        var state = JournalFile.Create(fresh);
        _stateRecord.Begin(RecordKind.Current);
        _stateRecord.Text(current ?? "");
        _stateRecord.Unsigned((ulong)lastId);
        state.Append(_stateRecord.Finish());
        state.Sync();
        File.Move(fresh, path, overwrite: true);
        Posix.SyncDirectory(DataPath);
        _state = state;
        return (current, lastId);
    }

    private void SetAside(string path, RecoveryReport report)
    {
        var aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
        File.Move(path, aside, overwrite: true);
        report.SetAside.Add(aside);
    }

    /// <summary>Runs a storage operation, turning an I/O failure into the documented error.</summary>
    /// <summary>Appends the record just built in the log's writer (on every edit: no closure, no allocation).</summary>
    private void AppendRecord(ProjectLog log)
    {
        var bytes = log.Record.Finish();
        try
        {
            log.Journal.Append(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("writing the journal", ex);
        }
        Interlocked.Add(ref _journalBytes, bytes.Length);
        _commit.Appended(log.Journal);
    }

    private static T Storage<T>(Func<T> operation, string doing)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(doing, ex);
        }
    }

    private static Protocol.RpcException Failure(string doing, Exception ex) =>
        new(StorageErrorCode, $"Storage failure {doing}: {ex.Message} (nothing was changed)");

    private static void Storage(Action operation, string doing) => Storage(() =>
    {
        operation();
        return true;
    }, doing);

    /// <summary>Flushes every journal and releases the data directory.</summary>
    public void Dispose()
    {
        _commit.Dispose();
        foreach (var log in _logs.Values) log.Journal.Close();
        _state?.Close();
        _directory.Dispose();
    }
}

/// <summary>What a start-up recovery did, for the log and the status method.</summary>
public sealed class RecoveryReport
{
    /// <summary>Projects recovered.</summary>
    public int Projects { get; internal set; }

    /// <summary>How long recovery took.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Bytes of torn or corrupt journal tails cut.</summary>
    public long CutBytes { get; internal set; }

    /// <summary>Snapshots found damaged.</summary>
    public List<string> CorruptSnapshots { get; } = [];

    /// <summary>Files renamed aside (never deleted).</summary>
    public List<string> SetAside { get; } = [];

    /// <summary>Projects that could not be recovered.</summary>
    public List<string> Lost { get; } = [];
}
