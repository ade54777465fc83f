using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>Every file a method reads passes the path policy, is a regular file, and never leaks into an error.</summary>
public sealed class FileSafetyTests
{
    private static DaemonProcess StartWithRoots(string dir, string rootsJson)
    {
        File.WriteAllText(Path.Combine(dir, "roots.json"), $"{{\"files\":{{\"allowed_roots\":{rootsJson}}}}}");
        var socket = Path.Combine(dir, "f.sock");
        var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", Path.Combine(dir, "roots.json")], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        return daemon;
    }

    [Fact]
    public void ExecuteScriptPathPassesThePathPolicy()
    {
        var dir = DaemonProcess.NewDirectory();
        var inside = Directory.CreateDirectory(Path.Combine(dir, "inside")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(dir, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.js"), "var secret = 'TOP-SECRET-CONTENT'; secret");
        File.WriteAllText(Path.Combine(inside, "ok.js"), "1 + 2");
        using var daemon = StartWithRoots(dir, $"[{RawClient.Quote(inside)}]");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        var error = client.Error("goxel.execute_script", new { path = Path.Combine(outside, "secret.js") });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("outside the allowed folders", error.GetProperty("message").GetString());
        Assert.DoesNotContain("TOP-SECRET", error.GetRawText());
        var result = client.Result("goxel.execute_script", new { path = Path.Combine(inside, "ok.js") });
        Assert.True(result.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void OnlyRegularFilesAreRead()
    {
        var dir = DaemonProcess.NewDirectory();
        var fifo = Path.Combine(dir, "pipe.gox");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        Directory.CreateDirectory(Path.Combine(dir, "folder.gox"));
        using var daemon = StartWithRoots(dir, "[]");
        using var client = daemon.Connect();
        var clock = Stopwatch.StartNew();
        Assert.Contains("not a regular file", client.Error("goxel.load_project", new { path = fifo }).GetProperty("message").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("not a regular file", client.Error("goxel.load_project", new { path = Path.Combine(dir, "folder.gox") }).GetProperty("message").GetString());
        Assert.Contains("not a regular file", client.Error("goxel.load_project", new { path = "/dev/zero", format = "txt" }).GetProperty("message").GetString());
        client.Result("goxel.create_project");
        Assert.Contains("not a regular file", client.Error("goxel.execute_script", new { path = "/dev/zero" }).GetProperty("message").GetString());
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void LoadErrorsNeverQuoteFileContent()
    {
        var dir = DaemonProcess.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "passwd.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(Path.Combine(dir, "passwd.gox"), "root:x:0:0:root:/root:/bin/bash\n");
        using var daemon = StartWithRoots(dir, "[]");
        using var client = daemon.Connect();
        foreach (var name in new[] { "passwd.txt", "passwd.gox" })
        {
            var error = client.Error("goxel.load_project", new { path = Path.Combine(dir, name) });
            Assert.DoesNotContain("root:x", error.GetRawText());
            Assert.DoesNotContain("root:x", daemon.Stderr);
        }
    }
}
