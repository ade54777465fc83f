using System.Diagnostics;
using Goxel.Render.Tests.Scenes;
using Goxel.Render.Tests.Support;

namespace Goxel.Render.Tests;

public sealed class RenderArchiveTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "goxel-archive-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTime _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private static readonly byte[] Png = PngEncoder.Encode(new VoxelRenderer().Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 48, Height = 32 }));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private RenderArchive Open(long maxBytes = 1L << 30, int ttlSeconds = 3600, int intervalSeconds = 0) => new(new RenderArchiveOptions
    {
        Directory = Path.Combine(_root, "renders"), MaxBytes = maxBytes, TimeToLive = TimeSpan.FromSeconds(ttlSeconds),
        CleanupInterval = TimeSpan.FromSeconds(intervalSeconds),
    }, _time);

    [Fact]
    public void CreatesDirectoryPrivate()
    {
        using var archive = Open();
        Assert.True(Directory.Exists(archive.Directory));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(archive.Directory));
    }

    [Fact]
    public void ExistingDirectoryIsMadePrivate()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Path.Combine(_root, "renders");
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        using var archive = Open();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
    }

    [Fact]
    public void StoreNamesRegistersAndDescribesTheFile()
    {
        using var archive = Open();
        var record = archive.Store(Png);
        Assert.Matches(@"^render_1700000000_auto1700000000_[0-9a-f]{8}\.png$", Path.GetFileName(record.Path));
        Assert.Equal(Png.Length, record.Size);
        Assert.Equal(Png, File.ReadAllBytes(record.Path));
        Assert.Equal(("png", 48, 32), (record.Format, record.Width, record.Height));
        Assert.Matches("^[0-9a-f]{8}$", record.Checksum);
        Assert.Equal(RenderChecksum.Compute(Png), record.Checksum);
        Assert.Equal(1_700_000_000, record.CreatedAtUnix);
        Assert.Equal(1_700_003_600, record.ExpiresAtUnix);
        Assert.Equal("auto1700000000", record.SessionId);
        Assert.Equal(record, archive.Find(record.Path));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(record.Path));
    }

    [Fact]
    public void ChecksumIsRotateXor()
    {
        Assert.Equal("00000000", RenderChecksum.Compute([]));
        Assert.Equal("00000001", RenderChecksum.Compute([1]));
        Assert.Equal("00000003", RenderChecksum.Compute([1, 1])); // (1 rotl 1) ^ 1
        // The top bit wraps round to the bottom.
        var bytes = new byte[33];
        bytes[0] = 1;
        Assert.Equal("00000001", RenderChecksum.Compute(bytes.AsSpan(0, 33)));
        Assert.Equal("80000000", RenderChecksum.Compute(bytes.AsSpan(0, 32)));
    }

    [Fact]
    public void SessionIdIsUsedAndValidated()
    {
        using var archive = Open();
        var record = archive.Store(Png, sessionId: "client-7");
        Assert.Contains("_client-7_", Path.GetFileName(record.Path));
        Assert.Equal("client-7", record.SessionId);
        Assert.Throws<ArgumentException>(() => archive.Store(Png, sessionId: "../../etc"));
    }

    [Fact]
    public void SweepDeletesExpiredFilesOnly()
    {
        using var archive = Open(ttlSeconds: 100);
        var old = archive.Store(Png);
        _time.Advance(TimeSpan.FromSeconds(60));
        var fresh = archive.Store(Png);
        _time.Advance(TimeSpan.FromSeconds(50));
        var (removed, freed) = archive.Sweep();
        Assert.Equal((1, (long)Png.Length), (removed, freed));
        Assert.False(File.Exists(old.Path));
        Assert.True(File.Exists(fresh.Path));
        Assert.Null(archive.Find(old.Path));
        var stats = archive.Stats();
        Assert.Equal((1, 2L, 1L, 1L, (long)Png.Length), (stats.ActiveRenders, stats.TotalRenders, stats.TotalCleanups, stats.FilesCleaned, stats.BytesFreed));
        Assert.Equal(_time.GetUtcNow(), stats.LastCleanup);
    }

    [Fact]
    public void SizeCapEvictsOldestFirst()
    {
        using var archive = Open(maxBytes: Png.Length * 2 + 10);
        var first = archive.Store(Png);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = archive.Store(Png);
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = archive.Store(Png);
        Assert.False(File.Exists(first.Path));
        Assert.True(File.Exists(second.Path) && File.Exists(third.Path));
        Assert.Equal([second.Path, third.Path], archive.List().Select(r => r.Path));
        var stats = archive.Stats();
        Assert.Equal(Png.Length * 2, stats.CurrentCacheSize);
        Assert.InRange(stats.CacheUsagePercent, 0.9, 1.0);
    }

    [Fact]
    public void RemoveDeletesOnceAndRefusesPathsOutside()
    {
        using var archive = Open();
        var record = archive.Store(Png);
        Assert.True(archive.Remove(record.Path));
        Assert.False(File.Exists(record.Path));
        Assert.False(archive.Remove(record.Path));

        var outside = Path.Combine(_root, "precious.txt");
        File.WriteAllText(outside, "keep");
        Assert.False(archive.Remove(outside));
        Assert.False(archive.Remove(Path.Combine(archive.Directory, "..", "precious.txt")));
        Assert.Null(archive.Find(outside));
        Assert.True(File.Exists(outside));
        Assert.Equal(3, archive.Stats().SecurityViolations);
        Assert.Throws<ArgumentException>(() => archive.Register(outside));
    }

    [Fact]
    public void DisposeIsImmediateEvenWithLongIntervalAndDeletesFiles()
    {
        var archive = Open(intervalSeconds: 300);
        var record = archive.Store(Png);
        Assert.True(archive.Stats().CleanupThreadActive);
        Assert.NotNull(archive.Stats().NextCleanup);
        var watch = Stopwatch.StartNew();
        archive.Dispose();
        Assert.True(watch.ElapsedMilliseconds < 1000, $"dispose took {watch.ElapsedMilliseconds} ms");
        Assert.False(File.Exists(record.Path));
        Assert.False(archive.Stats().CleanupThreadActive);
        Assert.Throws<ObjectDisposedException>(() => archive.Store(Png));
    }

    [Fact]
    public async Task TimerSweepsOnItsInterval()
    {
        // A real clock: a 1-second interval and TTL; the file is gone within a few seconds.
        var options = new RenderArchiveOptions { Directory = Path.Combine(_root, "timed"), TimeToLive = TimeSpan.FromSeconds(1), CleanupInterval = TimeSpan.FromSeconds(1) };
        using var archive = new RenderArchive(options);
        var record = archive.Store(Png);
        for (var i = 0; i < 50 && File.Exists(record.Path); i++) await Task.Delay(100);
        Assert.False(File.Exists(record.Path));
        Assert.True(archive.Stats().TotalCleanups >= 1);
    }

    [Fact]
    public void ConcurrentStoresAndSweepsKeepTheBooksStraight()
    {
        using var archive = Open(maxBytes: Png.Length * 20L);
        Parallel.For(0, 64, i =>
        {
            archive.Store(Png, sessionId: $"s{i % 4}");
            if (i % 8 == 0) archive.Sweep();
            if (i % 5 == 0 && archive.List().FirstOrDefault() is { } first) archive.Remove(first.Path);
        });
        var list = archive.List();
        var stats = archive.Stats();
        Assert.Equal(list.Count, stats.ActiveRenders);
        Assert.Equal(list.Sum(r => r.Size), stats.CurrentCacheSize);
        Assert.True(stats.CurrentCacheSize <= Png.Length * 20L);
        Assert.Equal(64, stats.TotalRenders);
        Assert.Equal(list.Count, Directory.GetFiles(archive.Directory).Length);
    }

    [Fact]
    public void FormatNamesAndQualityAreChecked()
    {
        Assert.Equal(ImageFormat.Png, ImageFormats.Parse(null));
        Assert.Equal(ImageFormat.Jpeg, ImageFormats.Parse("JPG"));
        Assert.Contains("webp", Assert.Throws<ArgumentException>(() => ImageFormats.Parse("webp")).Message);
        var image = new RenderImage(2, 2, new byte[16]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Encode(image, ImageFormat.Jpeg, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Encode(image, ImageFormat.Jpeg, 101));
    }

    [Fact]
    public void EnvironmentVariablesOverrideDefaults()
    {
        var env = new Dictionary<string, string>
        {
            ["GOXEL_RENDER_DIR"] = "/tmp/x", ["GOXEL_RENDER_TTL"] = "60", ["GOXEL_RENDER_MAX_SIZE"] = "1000", ["GOXEL_RENDER_CLEANUP_INTERVAL"] = "5",
        };
        var options = RenderArchiveOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal(("/tmp/x", TimeSpan.FromSeconds(60), 1000L, TimeSpan.FromSeconds(5)), (options.Directory, options.TimeToLive, options.MaxBytes, options.CleanupInterval));
        var defaults = RenderArchiveOptions.FromEnvironment(_ => null);
        Assert.Equal((Path.Combine(Path.GetTempPath(), "goxel_renders"), TimeSpan.FromSeconds(3600), 1L << 30, TimeSpan.FromSeconds(300)),
            (defaults.Directory, defaults.TimeToLive, defaults.MaxBytes, defaults.CleanupInterval));
        var error = Assert.Throws<ArgumentException>(() => RenderArchiveOptions.FromEnvironment(n => n == "GOXEL_RENDER_TTL" ? "soon" : null));
        Assert.Contains("GOXEL_RENDER_TTL", error.Message);
    }

    [Fact]
    public void UnusableDirectoryGivesClearError()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "not-a-dir");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<IOException>(() => new RenderArchive(new RenderArchiveOptions { Directory = file, CleanupInterval = TimeSpan.Zero }));
        Assert.Contains("not a directory", error.Message);
    }

    [Fact]
    public void OutputPathErrorsAreClear()
    {
        var missing = Path.Combine(_root, "no", "such", "dir", "x.png");
        var error = Assert.Throws<IOException>(() => RenderOutput.Write(missing, Png));
        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
        Directory.CreateDirectory(_root);
        Assert.Throws<IOException>(() => RenderOutput.Write(_root, Png));
        var ok = Path.Combine(_root, "ok.png");
        RenderOutput.Write(ok, Png);
        Assert.Equal(Png, File.ReadAllBytes(ok));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp"));
    }

    [Fact]
    public void EncodedRenderFeedsBothModes()
    {
        var encoded = new VoxelRenderer().RenderEncoded(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 64, Height = 40 }, ImageFormat.Jpeg);
        Assert.Equal((64, 40), ImageEncoder.ReadSize(encoded.Bytes));
        Assert.Equal([0xFF, 0xD8], encoded.Bytes[..2]);
        Assert.Equal(encoded.Bytes, Convert.FromBase64String(encoded.ToBase64()));
        using var archive = Open();
        var record = archive.Store(encoded.Bytes, ImageFormat.Jpeg);
        Assert.EndsWith(".jpg", record.Path);
        Assert.Equal(("jpeg", 64, 40), (record.Format, record.Width, record.Height));
    }
}
