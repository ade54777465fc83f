using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Goxel.Daemon.Storage;

/// <summary>
/// An append-only file of framed records (length, CRC-32C, payload) after an 8-byte magic that
/// names its format version: GOXJRNL2 for the journals this daemon creates, GOXJRNL1 for those of
/// earlier daemons, which are still read and appended to in their own version.
/// Appends copy into a shared mapping of the file's tail, so an append is a memory copy, not a
/// system call, and is in the page cache (surviving the death of the process) the moment it
/// returns. The mapped space is reserved on the disk first (zeros written, growing by doubling
/// up to 8 MiB at a time: <see cref="Posix.Reserve"/>), so a full disk refuses the append that
/// needs more space before anything of it is written, and a write into the mapping can never
/// fail for want of space (SIGBUS). The file therefore ends in
/// zeros past its last record while open; <see cref="Close"/> cuts them off.
/// Appends come from one writer at a time (the project's gate); <see cref="Sync"/> may run on
/// the group-commit thread at the same time, which the kernel allows on one descriptor.
/// </summary>
internal sealed unsafe class JournalFile
{
    /// <summary>The first bytes of every journal this daemon creates (format version 2).</summary>
    public static ReadOnlySpan<byte> Magic => "GOXJRNL2"u8;

    /// <summary>The first bytes of a version 1 journal (no <see cref="RecordKind.Cells"/> records).</summary>
    public static ReadOnlySpan<byte> FormerMagic => "GOXJRNL1"u8;

    /// <summary>The format version of the journals this daemon creates.</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// The test hook of docs/durability.md: while a file exists at the path this environment
    /// variable names, every append fails as on a full disk. It lets the disk-full test run
    /// without root (which mounting a small tmpfs needs); unset, appends never look at it.
    /// </summary>
    public const string DiskFullFlagVariable = "GOXEL_FAULT_JOURNAL_FULL";

    // The mapping starts on a multiple of this (a multiple of the page size) at or before the
    // end of the records, so pages of records written long ago leave the process's memory.
    private const long Window = 64 * 1024;
    private const long LargestStep = 8 * 1024 * 1024;

    private static readonly string? DiskFullFlag = Environment.GetEnvironmentVariable(DiskFullFlagVariable) is { Length: > 0 } flag ? flag : null;

    private readonly SafeFileHandle _handle;
    private readonly Lock _sync = new();
    private readonly Lock _mapping = new();
    private long _length;
    private long _syncedLength;
    private long _capacity;
    private byte* _window;
    private long _windowStart;
    private bool _closed;
    private int _queued;

    private JournalFile(string path, SafeFileHandle handle, long length, int version)
    {
        Path = path;
        Version = version;
        _handle = handle;
        _length = length;
        _syncedLength = length;
        _capacity = length;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Its format version (its magic): which record kinds may be appended to it.</summary>
    public int Version { get; }

    /// <summary>Bytes of whole records (and the magic) appended so far.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Bytes known to be on the disk: those before the last flush.</summary>
    public long SyncedLength => Volatile.Read(ref _syncedLength);

    /// <summary>When its data last reached the disk, or null if never since it was opened.</summary>
    public DateTime? LastSync { get; private set; }

    /// <summary>Creates a journal holding only the magic.</summary>
    public static JournalFile Create(string path)
    {
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        var journal = new JournalFile(path, handle, 0, CurrentVersion);
        try
        {
            File.SetUnixFileMode(handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            journal.Write(Magic);
        }
        catch
        {
            journal.Close();
            File.Delete(path);
            throw;
        }
        return journal;
    }

    /// <summary>Opens a recovered journal of format <paramref name="version"/> for appending after its last whole record, cutting what follows.</summary>
    public static JournalFile OpenAt(string path, long validLength, int version)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (RandomAccess.GetLength(handle) != validLength) RandomAccess.SetLength(handle, validLength);
        return new JournalFile(path, handle, validLength, version);
    }

    /// <summary>
    /// Appends one framed record. On failure (disk full, I/O error) nothing of it is written, so
    /// the journal never holds part of a refused record, and the error goes on.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        if (DiskFullFlag is not null && File.Exists(DiskFullFlag))
            throw new IOException($"No space left on device : '{Path}' (injected: {DiskFullFlag} exists, {DiskFullFlagVariable})");
        Write(record);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        // Uncontended but for a close at shutdown, which must not unmap under a copy.
        lock (_mapping)
        {
            if (_closed) throw new IOException($"journal {Path} is closed");
            var at = _length;
            if (at + bytes.Length > _capacity) Grow(at + bytes.Length);
            bytes.CopyTo(new Span<byte>(_window + (at - _windowStart), bytes.Length));
            Volatile.Write(ref _length, at + bytes.Length);
        }
    }

    /// <summary>Reserves disk space past <paramref name="needed"/> bytes and maps the tail from the last whole window before the end of the records.</summary>
    private void Grow(long needed)
    {
        var step = Math.Clamp(_capacity, Window, LargestStep);
        var capacity = (Math.Max(needed, _capacity + step) + Window - 1) / Window * Window;
        try
        {
            Posix.Reserve(_handle, _capacity, capacity - _capacity);
        }
        catch (IOException)
        {
            try
            {
                RandomAccess.SetLength(_handle, _capacity);
            }
            catch (IOException)
            {
                // Recovery ignores the zeros past the last record anyway.
            }
            throw;
        }
        Unmap();
        _windowStart = _length / Window * Window;
        _window = Posix.Map(_handle, _windowStart, capacity - _windowStart);
        _capacity = capacity;
    }

    private void Unmap()
    {
        if (_window is null) return;
        Posix.Unmap(_window, _capacity - _windowStart);
        _window = null;
    }

    /// <summary>Claims the file for the group-commit queue; false when it is queued already.</summary>
    public bool TryQueue() => Interlocked.Exchange(ref _queued, 1) == 0;

    /// <summary>Flushes appended records to the disk (nothing when closed or already flushed).</summary>
    public void Sync()
    {
        Volatile.Write(ref _queued, 0);
        lock (_sync)
        {
            var length = Length;
            if (_closed || length == _syncedLength) return;
            Posix.DataSync(_handle);
            Volatile.Write(ref _syncedLength, length);
            LastSync = DateTime.UtcNow;
        }
    }

    /// <summary>Closes the file; later syncs do nothing.</summary>
    public void Close()
    {
        lock (_mapping)
        lock (_sync)
        {
            if (_closed) return;
            _closed = true;
            Unmap();
            try
            {
                if (_capacity > Length) RandomAccess.SetLength(_handle, Length);
            }
            catch (IOException)
            {
                // The zeros stay; recovery ignores them.
            }
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Reads a journal's records. Stops at the first record that is cut short or fails its CRC
    /// (a crash mid-append); the zeros an open journal ends in are not a torn tail. A file with
    /// neither magic has no records and version 0.
    /// </summary>
    public static JournalContents Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var version = data.AsSpan().StartsWith(Magic) ? CurrentVersion : data.AsSpan().StartsWith(FormerMagic) ? 1 : 0;
        if (version == 0) return new JournalContents(data, [], 0, 0);
        var records = new List<Range>();
        var at = Magic.Length;
        while (data.Length - at >= RecordWriter.FrameBytes)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 4));
            if (length == 0 || length > data.Length - at - RecordWriter.FrameBytes) break;
            var payload = new Range(at + RecordWriter.FrameBytes, at + RecordWriter.FrameBytes + (int)length);
            if (Crc32C.Compute(data.AsSpan(payload)) != crc) break;
            records.Add(payload);
            at = payload.End.Value;
        }
        return new JournalContents(data, records, at, version);
    }
}

/// <summary>A journal as read: its bytes, the payload of each whole record, where they end, and its format version.</summary>
internal sealed record JournalContents(byte[] Data, IReadOnlyList<Range> Records, long ValidLength, int Version)
{
    /// <summary>Bytes after the last whole record, a torn or corrupt tail; none when they are all zero (the space an open journal reserved).</summary>
    public long CutBytes => Data.AsSpan((int)ValidLength).IndexOfAnyExcept((byte)0) < 0 ? 0 : Data.Length - ValidLength;
}
