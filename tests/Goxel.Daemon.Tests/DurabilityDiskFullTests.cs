using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>
/// Issue 9's disk-full case on a real small filesystem: a 2 MiB tmpfs mounted by the test
/// (CI runs the tests as root, which mounting needs). A journal append that finds no space
/// is refused with the storage error and rolled back, reads go on, a failed save leaves the
/// previous file intact, and edits resume once space is freed.
/// </summary>
public sealed class DurabilityDiskFullTests
{
    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {error}");
    }

    [Fact]
    public void AFullDiskRefusesEditsWithTheStorageErrorAndTheyResumeWhenSpaceIsFreed()
    {
        Assert.True(Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root",
            "the disk-full test mounts a tmpfs and so must run as root, as CI does (run scripts/test with sudo)");
        using var scope = new DurabilityScope();
        var disk = Path.Combine(scope.Directory, "small");
        Directory.CreateDirectory(disk);
        Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk);
        try
        {
            var data = Path.Combine(disk, "data");
            var socket = Path.Combine(scope.Directory, "full.sock");
            using var daemon = DaemonProcess.Launch(scope.Directory, ["--socket", socket, "--data-dir", data], socket);
            daemon.WaitUntilListening();
            using var client = daemon.Connect();
            client.Result("goxel.create_project", "{\"name\":\"full\"}");
            client.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[1,1,1,255]}");
            var saved = Path.Combine(disk, "saved.gox");
            client.Result("goxel.save_project", $"{{\"path\":\"{saved}\"}}");
            var savedBytes = File.ReadAllBytes(saved);

            // Fill the filesystem to the last byte.
            var filler = Path.Combine(disk, "filler");
            using (var stream = File.Create(filler))
            {
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

            var batch = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"[{i % 100},{i / 100},5,2,2,2,255]"));
            var error = client.Error("goxel.add_voxel_batch", $"{{\"voxels\":[{batch}]}}");
            Assert.Equal(-1030, error.GetProperty("code").GetInt32());
            Assert.Contains("space", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
            // Rolled back, and reads keep working.
            Assert.False(client.Result("goxel.get_voxel", "{\"x\":50,\"y\":50,\"z\":5}").GetProperty("exists").GetBoolean());
            Assert.Equal(1, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
            // A save that cannot be written leaves the previous file as it was.
            Assert.Equal(-1003, client.Error("goxel.save_project", $"{{\"path\":\"{saved}\"}}").GetProperty("code").GetInt32());
            Assert.Equal(savedBytes, File.ReadAllBytes(saved));

            // Space freed: edits go through again and survive a crash.
            File.Delete(filler);
            client.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{batch}]}}");
            var before = DurabilityScope.Dump(client);
            DurabilityScope.Kill(daemon);
            using var again = DaemonProcess.Launch(scope.Directory, ["--socket", socket, "--data-dir", data], socket);
            again.WaitUntilListening();
            using var after = again.Connect();
            Assert.Equal(before, DurabilityScope.Dump(after));
            DurabilityScope.Kill(again);
        }
        finally
        {
            Run("umount", "-l", disk);
        }
    }
}
