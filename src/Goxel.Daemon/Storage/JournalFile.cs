using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Goxel.Daemon.Storage;

/// <summary>
/// An append-only file of framed records (length, CRC-32C, payload) after an 8-byte magic.
/// Appends come from one writer at a time (the project's gate); <see cref="Sync"/> may run on
/// the group-commit thread at the same time, which the kernel allows on one descriptor.
/// </summary>
internal sealed class JournalFile
{
    /// <summary>The first bytes of every journal.</summary>
    public static ReadOnlySpan<byte> Magic => "GOXJRNL1"u8;

    /// <summary>
    /// The test hook of docs/durability.md: while a file exists at the path this environment
    /// variable names, every append fails as on a full disk. It lets the disk-full test run
    /// without root (which mounting a small tmpfs needs); unset, appends never look at it.
    /// </summary>
    public const string DiskFullFlagVariable = "GOXEL_FAULT_JOURNAL_FULL";

    private static readonly string? DiskFullFlag = Environment.GetEnvironmentVariable(DiskFullFlagVariable) is { Length: > 0 } flag ? flag : null;

    private readonly SafeFileHandle _handle;
    private readonly Lock _sync = new();
    private long _length;
    private long _syncedLength;
    private bool _closed;
    private int _queued;

    private JournalFile(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        _length = length;
        _syncedLength = length;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Bytes of whole records (and the magic) appended so far.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>When its data last reached the disk, or null if never since it was opened.</summary>
    public DateTime? LastSync { get; private set; }

    /// <summary>Creates a journal holding only the magic.</summary>
    public static JournalFile Create(string path)
    {
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            File.SetUnixFileMode(handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            RandomAccess.Write(handle, Magic, 0);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
        return new JournalFile(path, handle, Magic.Length) { _syncedLength = 0 };
    }

    /// <summary>Opens a recovered journal for appending after its last whole record, cutting what follows.</summary>
    public static JournalFile OpenAt(string path, long validLength)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (RandomAccess.GetLength(handle) != validLength) RandomAccess.SetLength(handle, validLength);
        return new JournalFile(path, handle, validLength);
    }

    /// <summary>
    /// Appends one framed record. On failure (disk full, I/O error) the file is cut back to
    /// where it was, so the journal never holds part of a refused record, and the error goes on.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        var at = _length;
        try
        {
            if (DiskFullFlag is not null && File.Exists(DiskFullFlag))
                throw new IOException($"No space left on device : '{Path}' (injected: {DiskFullFlag} exists, {DiskFullFlagVariable})");
            RandomAccess.Write(_handle, record, at);
        }
        catch (IOException)
        {
            try
            {
                RandomAccess.SetLength(_handle, at);
            }
            catch (IOException)
            {
                // Recovery cuts a torn tail by its CRC anyway.
            }
            throw;
        }
        Volatile.Write(ref _length, at + record.Length);
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
            _syncedLength = length;
            LastSync = DateTime.UtcNow;
        }
    }

    /// <summary>Closes the file; later syncs do nothing.</summary>
    public void Close()
    {
        lock (_sync)
        {
            if (_closed) return;
            _closed = true;
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Reads a journal's records. Stops at the first record that is cut short or fails its CRC
    /// (a crash mid-append) and reports how many bytes follow the last whole record.
    /// </summary>
    public static JournalContents Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < Magic.Length || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return new JournalContents(data, [], 0, data.Length);
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
        return new JournalContents(data, records, at, data.Length - at);
    }
}

/// <summary>A journal as read: its bytes, the payload of each whole record, where they end and what follows them.</summary>
internal sealed record JournalContents(byte[] Data, IReadOnlyList<Range> Records, long ValidLength, long CutBytes);
