using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>
/// Issue 9's disk-full case. As root (as CI runs) on a real small filesystem: a 2 MiB tmpfs
/// mounted by the test and filled to the last byte. Otherwise the test says so on stderr and
/// uses the daemon's fault-injecting journal layer (GOXEL_FAULT_JOURNAL_FULL, docs/durability.md):
/// journal appends fail as on a full disk while a flag file exists. Either way a journal append
/// that finds no space is refused with the storage error and rolled back, reads go on, earlier
/// files stay intact, and edits resume once space is freed. As root both disks are tried.
/// </summary>
public sealed class DurabilityDiskFullTests
{
    private const string FaultVariable = "GOXEL_FAULT_JOURNAL_FULL";

    private static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>A small disk the test fills and frees.</summary>
    private interface ISmallDisk : IDisposable
    {
        /// <summary>Where the daemon's data directory and the saved file go.</summary>
        string Folder { get; }

        /// <summary>Variables the daemon needs to see this disk's faults.</summary>
        IReadOnlyDictionary<string, string> Environment { get; }

        /// <summary>True when a failed save can be provoked too (a real full filesystem).</summary>
        bool FailsSaves { get; }

        void Fill();

        void Free();
    }

    /// <summary>A 2 MiB tmpfs, filled with a file to the last byte.</summary>
    private sealed class Tmpfs : ISmallDisk
    {
        public Tmpfs(string scratch)
        {
            Folder = Path.Combine(scratch, "small");
            Directory.CreateDirectory(Folder);
            Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Folder);
        }

        public string Folder { get; }

        public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

        public bool FailsSaves => true;

        private string Filler => Path.Combine(Folder, "filler");

        public void Fill()
        {
            using var stream = File.Create(Filler);
            var chunk = new byte[64 * 1024];
            try
            {
                while (true) stream.Write(chunk);
            }
            catch (IOException)
            {
                // No space left: exactly what the test wants.
            }
            try
            {
                stream.Flush();
            }
            catch (IOException)
            {
                // The last partial chunk did not fit either.
            }
        }

        public void Free() => File.Delete(Filler);

        public void Dispose() => Run("umount", "-l", Folder);
    }

    /// <summary>The daemon's fault-injecting journal layer: appends fail while the flag file exists.</summary>
    private sealed class FaultLayer(string scratch) : ISmallDisk
    {
        private readonly string _flag = Path.Combine(scratch, "disk-full");

        public string Folder { get; } = scratch;

        public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { [FaultVariable] = _flag };

        public bool FailsSaves => false;

        public void Fill() => File.WriteAllText(_flag, "");

        public void Free() => File.Delete(_flag);

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// With <paramref name="tmpfs"/> the real filesystem (the fault layer when not root, said on
    /// stderr); without it the fault layer, so that CI, running as root, checks the hook too.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFullDiskRefusesEditsWithTheStorageErrorAndTheyResumeWhenSpaceIsFreed(bool tmpfs)
    {
        using var scope = new DurabilityScope();
        if (tmpfs && !IsRoot)
            Console.Error.WriteLine($"DurabilityDiskFullTests: not root, so no tmpfs can be mounted: using the fault-injecting journal layer ({FaultVariable}) instead of a full filesystem");
        using ISmallDisk disk = tmpfs && IsRoot ? new Tmpfs(scope.Directory) : new FaultLayer(scope.Directory);
        var data = Path.Combine(disk.Folder, "data");
        var socket = Path.Combine(scope.Directory, "full.sock");
        using var daemon = DaemonProcess.Launch(scope.Directory, ["--socket", socket, "--data-dir", data], socket, environment: disk.Environment);
        daemon.WaitUntilListening();
        using var client = daemon.Connect();
        client.Result("goxel.create_project", "{\"name\":\"full\"}");
        client.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[1,1,1,255]}");
        var saved = Path.Combine(disk.Folder, "saved.gox");
        client.Result("goxel.save_project", $"{{\"path\":\"{saved}\"}}");
        var savedBytes = File.ReadAllBytes(saved);
        // The save's checkpoint runs in the background: let it finish before the files are compared.
        Assert.True(DurabilityScope.Eventually(
            () => client.Result("goxel.get_project_info").GetProperty("durability").GetProperty("last_checkpoint").ValueKind != System.Text.Json.JsonValueKind.Null,
            TimeSpan.FromSeconds(20)), "the save's checkpoint did not finish");
        var journals = Directory.GetFiles(Path.Combine(data, "projects"), "*.journal").ToDictionary(f => f, File.ReadAllBytes);

        disk.Fill();
        var batch = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"[{i % 100},{i / 100},5,2,2,2,255]"));
        var error = client.Error("goxel.add_voxel_batch", $"{{\"voxels\":[{batch}]}}");
        Assert.Equal(-1030, error.GetProperty("code").GetInt32());
        Assert.Contains("space", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        // Rolled back, and reads keep working.
        Assert.False(client.Result("goxel.get_voxel", "{\"x\":50,\"y\":50,\"z\":5}").GetProperty("exists").GetBoolean());
        Assert.Equal(1, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        // A save that cannot be written leaves the previous file as it was.
        if (disk.FailsSaves)
            Assert.Equal(-1003, client.Error("goxel.save_project", $"{{\"path\":\"{saved}\"}}").GetProperty("code").GetInt32());
        Assert.Equal(savedBytes, File.ReadAllBytes(saved));
        // The journal holds no part of the refused edits.
        foreach (var (path, bytes) in journals) Assert.Equal(bytes, File.ReadAllBytes(path));

        // Space freed: edits go through again and survive a crash.
        disk.Free();
        client.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{batch}]}}");
        var before = DurabilityScope.Dump(client);
        Assert.Contains("\"voxel_count\":20001", before.Replace(" ", ""));
        DurabilityScope.Kill(daemon);
        using var again = DaemonProcess.Launch(scope.Directory, ["--socket", socket, "--data-dir", data], socket, environment: disk.Environment);
        again.WaitUntilListening();
        using var after = again.Connect();
        Assert.Equal(before, DurabilityScope.Dump(after));
        DurabilityScope.Kill(again);
    }
}
