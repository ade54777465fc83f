using System.Security.Cryptography;

namespace Goxel.Render;

/// <summary>
/// The managed folder of rendered files (the original's "render manager"): names new files,
/// registers them with size, dimensions and checksum, deletes them when their TTL passes or when
/// the folder exceeds its size cap (oldest first), and answers info/list/stats queries.
/// Thread-safe. The periodic sweep is a timer, so disposal never waits for a sleeping thread.
/// </summary>
public sealed class RenderArchive : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RenderRecord> _records = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer? _timer;
    private long _totalRenders, _totalCleanups, _currentBytes, _filesCleaned, _bytesFreed, _securityViolations;
    private DateTimeOffset? _lastCleanup, _nextCleanup;
    private bool _disposed;

    /// <summary>
    /// Opens (creating with mode 0700 when missing) the archive folder of <paramref name="options"/>
    /// and starts the periodic sweep. Throws <see cref="IOException"/> when the folder cannot be used.
    /// </summary>
    public RenderArchive(RenderArchiveOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeToLive <= TimeSpan.Zero) throw new ArgumentException("Render TTL must be positive.", nameof(options));
        if (options.MaxBytes <= 0) throw new ArgumentException("Render cache size must be positive.", nameof(options));
        Options = options;
        _time = time ?? TimeProvider.System;
        Directory = Path.GetFullPath(options.Directory);
        CreateDirectory(Directory);
        if (options.CleanupInterval > TimeSpan.Zero)
        {
            _nextCleanup = _time.GetUtcNow() + options.CleanupInterval;
            _timer = _time.CreateTimer(_ => Sweep(), null, options.CleanupInterval, options.CleanupInterval);
        }
    }

    /// <summary>The settings this archive runs with.</summary>
    public RenderArchiveOptions Options { get; }

    /// <summary>Absolute path of the archive folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// A fresh path in the folder: render_&lt;unix&gt;_&lt;session&gt;_&lt;8 random hex&gt;.&lt;ext&gt;, the session
    /// being "auto&lt;unix&gt;" when none is given. Session ids may hold only letters, digits, '-' and '_'.
    /// </summary>
    public string CreatePath(ImageFormat format = ImageFormat.Png, string? sessionId = null)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var session = SessionOrAuto(sessionId, now);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return Path.Combine(Directory, $"render_{now}_{session}_{token}.{format.Extension()}");
    }

    /// <summary>
    /// Writes <paramref name="encoded"/> to a new path (mode 0600) and registers it: mode A of
    /// goxel.render_scene. Throws <see cref="IOException"/> with the path when the write fails.
    /// </summary>
    public RenderRecord Store(ReadOnlySpan<byte> encoded, ImageFormat format = ImageFormat.Png, string? sessionId = null)
    {
        var path = CreatePath(format, sessionId);
        RenderOutput.Write(path, encoded);
        return Add(path, encoded, format, sessionId);
    }

    /// <summary>
    /// Registers an existing file inside the folder: reads its size, dimensions and checksum, sets
    /// its expiry from the TTL, then evicts the oldest files while the cap is exceeded.
    /// </summary>
    public RenderRecord Register(string path, ImageFormat format = ImageFormat.Png, string? sessionId = null)
    {
        var full = Path.GetFullPath(path);
        if (!IsInside(full)) throw new ArgumentException($"Render path '{path}' is outside the render directory '{Directory}'.", nameof(path));
        return Add(full, File.ReadAllBytes(full), format, sessionId);
    }

    private RenderRecord Add(string full, ReadOnlySpan<byte> bytes, ImageFormat format, string? sessionId)
    {
        var (width, height) = ImageEncoder.ReadSize(bytes) ?? (0, 0);
        var now = _time.GetUtcNow();
        var record = new RenderRecord(full, bytes.Length, format.Name(), width, height, RenderChecksum.Compute(bytes),
            now, now + Options.TimeToLive, SessionOrAuto(sessionId, now.ToUnixTimeSeconds()));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_records.Remove(full, out var old)) _currentBytes -= old.Size;
            _records.Add(full, record);
            _currentBytes += record.Size;
            _totalRenders++;
            EvictOverCap(keep: full);
        }
        return record;
    }

    /// <summary>The record of a registered file, or null (also for paths outside the folder, which count as security violations).</summary>
    public RenderRecord? Find(string path)
    {
        var full = Normalize(path);
        lock (_lock)
        {
            if (full is null)
            {
                _securityViolations++;
                return null;
            }
            return _records.GetValueOrDefault(full);
        }
    }

    /// <summary>
    /// Deletes a registered file and forgets it (cleanup_render). False when the path is not
    /// registered or lies outside the folder (a security violation; nothing is deleted).
    /// </summary>
    public bool Remove(string path)
    {
        var full = Normalize(path);
        lock (_lock)
        {
            if (full is null)
            {
                _securityViolations++;
                return false;
            }
            if (!_records.Remove(full, out var record)) return false;
            _currentBytes -= record.Size;
            Delete(record);
            return true;
        }
    }

    /// <summary>Every registered file, oldest first.</summary>
    public IReadOnlyList<RenderRecord> List()
    {
        lock (_lock) return [.. _records.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Path, StringComparer.Ordinal)];
    }

    /// <summary>The counters of get_render_stats.</summary>
    public RenderArchiveStats Stats()
    {
        lock (_lock)
        {
            return new RenderArchiveStats(_records.Count, _totalRenders, _totalCleanups, _currentBytes, Options.MaxBytes,
                (double)_currentBytes / Options.MaxBytes, _filesCleaned, _bytesFreed, _securityViolations,
                _timer is not null && !_disposed, _lastCleanup, _timer is not null && !_disposed ? _nextCleanup : null);
        }
    }

    /// <summary>Deletes expired files and enforces the size cap now; returns how many files went and their bytes.</summary>
    public (int Removed, long FreedBytes) Sweep()
    {
        lock (_lock)
        {
            if (_disposed) return (0, 0);
            var now = _time.GetUtcNow();
            long freedBefore = _bytesFreed, cleanedBefore = _filesCleaned;
            foreach (var record in _records.Values.Where(r => r.ExpiresAt <= now).ToList())
            {
                _records.Remove(record.Path);
                _currentBytes -= record.Size;
                Delete(record);
            }
            EvictOverCap(keep: null);
            _totalCleanups++;
            _lastCleanup = now;
            if (_timer is not null) _nextCleanup = now + Options.CleanupInterval;
            return ((int)(_filesCleaned - cleanedBefore), _bytesFreed - freedBefore);
        }
    }

    /// <summary>True when <paramref name="path"/> resolves to a file directly inside the archive folder.</summary>
    public bool IsInside(string path) => Normalize(path) is not null;

    /// <summary>Stops the sweep at once (never waiting for it) and, by default, deletes the registered files.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _timer?.Dispose();
            if (!Options.DeleteFilesOnDispose) return;
            foreach (var record in _records.Values) TryDelete(record.Path);
            _records.Clear();
            _currentBytes = 0;
        }
    }

    // Oldest first until the registered bytes fit the cap; the file just added is kept even when
    // it alone exceeds the cap, so the caller can still read what it asked for.
    private void EvictOverCap(string? keep)
    {
        if (_currentBytes <= Options.MaxBytes) return;
        foreach (var record in _records.Values.OrderBy(r => r.CreatedAt).ToList())
        {
            if (_currentBytes <= Options.MaxBytes) break;
            if (record.Path == keep) continue;
            _records.Remove(record.Path);
            _currentBytes -= record.Size;
            Delete(record);
        }
    }

    private void Delete(RenderRecord record)
    {
        if (!TryDelete(record.Path)) return;
        _filesCleaned++;
        _bytesFreed += record.Size;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string? Normalize(string path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var full = Path.GetFullPath(path);
        return string.Equals(Path.GetDirectoryName(full), Directory, StringComparison.Ordinal) ? full : null;
    }

    private static string SessionOrAuto(string? sessionId, long now)
    {
        if (string.IsNullOrEmpty(sessionId)) return $"auto{now}";
        if (sessionId.Length > 64 || !sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException("Session id may hold only letters, digits, '-' and '_' (at most 64).", nameof(sessionId));
        return sessionId;
    }

    private static void CreateDirectory(string directory)
    {
        try
        {
            if (File.Exists(directory)) throw new IOException($"Render directory '{directory}' exists and is not a directory.");
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
                return;
            }
            if (!System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.CreateDirectory(directory, Private);
                return;
            }
            // An existing folder (say a shared /tmp/goxel_renders) is made private too; only its
            // owner may do that, so a folder planted by another user fails here instead of being used.
            if (File.GetUnixFileMode(directory) != Private) File.SetUnixFileMode(directory, Private);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"Cannot use render directory '{directory}' (it must be creatable, or owned by this user): {e.Message}", e);
        }
    }
}
