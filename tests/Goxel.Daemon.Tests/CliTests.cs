using System.Diagnostics;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The `goxel` command, run as a user would.</summary>
public sealed class CliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static string Fixtures =>
        Environment.GetEnvironmentVariable("GOXEL_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(DaemonProcess.RepoRoot, "..", "shared", "fixtures");

    private static (int Code, string Out, string Err) Goxel(IEnumerable<string> args, IDictionary<string, string>? env = null, string? umask = null)
    {
        var goxel = Path.Combine(DaemonProcess.RepoRoot, "artifacts", "bin", "goxel");
        var info = new ProcessStartInfo(umask is null ? goxel : "sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A shell sets the umask the command inherits, as a user's shell would.
        if (umask is not null) foreach (var arg in new[] { "-c", $"umask {umask} && exec \"$@\"", "sh", goxel }) info.ArgumentList.Add(arg);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "goxel did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void CallPrintsTheResultOrTheError()
    {
        var (code, output, _) = Goxel(["call", "ping", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal(0, code);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("pong").GetBoolean());
        var created = Goxel(["call", "goxel.create_project", "{\"name\":\"cli\"}", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal("cli", JsonDocument.Parse(created.Out).RootElement.GetProperty("name").GetString());
        var (failed, _, error) = Goxel(["call", "goxel.nothing", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal(1, failed);
        Assert.Contains("Method not found: goxel.nothing", error);
        Assert.Equal(2, Goxel(["call", "ping", "{not json", "--socket", fixture.Daemon.SocketPath]).Code);
    }

    [Fact]
    public void StatsPrintsTheMetricsOnceAndTopRefreshesThem()
    {
        using (var client = fixture.Daemon.Connect()) client.Result("ping");
        var (code, output, _) = Goxel(["stats", "--json", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal(0, code);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("requests").GetProperty("methods").GetProperty("ping").GetProperty("count").GetInt64() >= 1);
        var table = Goxel(["stats", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal(0, table.Code);
        Assert.Contains("uptime", table.Out);
        Assert.Contains("ping", table.Out);
        Assert.Contains("p99", table.Out);
        var top = Goxel(["top", "--count", "2", "--interval", "0.2", "--socket", fixture.Daemon.SocketPath]);
        Assert.Equal(0, top.Code);
        Assert.Contains("goxel.get_performance_metrics", top.Out);
        Assert.Contains("uptime", top.Out);
    }

    [Fact]
    public void GoxelSocketIsHonoured()
    {
        var (code, output, _) = Goxel(["call", "version"], new Dictionary<string, string> { ["GOXEL_SOCKET"] = fixture.Daemon.SocketPath });
        Assert.Equal(0, code);
        Assert.Contains("\"daemon\"", output);
        var (refused, _, error) = Goxel(["call", "version", "--socket", Path.Combine(fixture.Daemon.Directory, "nobody.sock")]);
        Assert.Equal(1, refused);
        Assert.Contains("nobody.sock", error);
    }

    [Fact]
    public void TcpTakesTheTokenFromTheFlagOrGoxelToken()
    {
        var port = DaemonProcess.FreePort();
        using var daemon = DaemonProcess.Start("--tcp", $"127.0.0.1:{port}");
        var token = File.ReadAllText(daemon.SocketPath + ".token").Trim();
        var endpoint = $"127.0.0.1:{port}";
        var (code, output, error) = Goxel(["call", "ping", "--tcp", endpoint, "--token", token]);
        Assert.True(code == 0, error);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("pong").GetBoolean());
        Assert.Equal(0, Goxel(["call", "ping", "--tcp", endpoint], new Dictionary<string, string> { ["GOXEL_TOKEN"] = token }).Code);
        var (refused, _, why) = Goxel(["call", "ping", "--tcp", endpoint, "--token", "wrong-token"]);
        Assert.Equal(1, refused);
        Assert.Contains("authentication failed", why);
    }

    [Fact]
    public void RenderAndConvertWorkOnFilesWithoutADaemon()
    {
        var dir = DaemonProcess.NewDirectory();
        var png = Path.Combine(dir, "knight.png");
        var (code, _, error) = Goxel(["render", Path.Combine(Fixtures, "chr_knight.gox"), "-o", png, "--camera", "front", "-W", "300", "-H", "200"]);
        Assert.True(code == 0, error);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(300, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));

        var obj = Path.Combine(dir, "crab.obj");
        var converted = Goxel(["convert", Path.Combine(Fixtures, "crabby.vox"), obj, "--mesh", "cubes"]);
        Assert.True(converted.Code == 0, converted.Err);
        Assert.Contains(File.ReadLines(obj), l => l.StartsWith("f ", StringComparison.Ordinal));
        var vox = Path.Combine(dir, "back.vox");
        Assert.Equal(0, Goxel(["convert", Path.Combine(Fixtures, "test.gox"), vox]).Code);

        var (bad, _, why) = Goxel(["convert", Path.Combine(Fixtures, "README.md"), Path.Combine(dir, "x.vox")]);
        Assert.Equal(1, bad);
        Assert.Contains("README.md", why);
        Assert.Equal(1, Goxel(["render", Path.Combine(Fixtures, "test.gox"), "-o", png, "--camera", "sideways"]).Code);
    }

    [Fact]
    public void EveryCommandHasHelpAndCompletionWorks()
    {
        foreach (var command in new[] { "call", "bench", "render", "convert", "completion" })
        {
            var (code, output, _) = Goxel([command, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("--socket", output);
        }
        Assert.Contains("complete -o default -F _goxel_complete goxel", Goxel(["completion", "bash"]).Out);
        var suggestions = Goxel(["[suggest:7]", "goxel c"]).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("call", suggestions);
        Assert.Contains("convert", suggestions);
    }

    [Fact]
    public void BenchRunsTheGuidesSuite()
    {
        var (code, output, error) = Goxel(["bench", "--quick", "--json", "--socket", fixture.Daemon.SocketPath]);
        Assert.True(code == 0, error);
        var results = JsonDocument.Parse(output).RootElement;
        foreach (var part in new[] { "connection", "voxelOperations", "batchOperations", "rendering", "memory" })
            Assert.True(results.TryGetProperty(part, out _), part);
        Assert.True(results.GetProperty("rendering").GetProperty("results").GetArrayLength() > 0);
    }

    [Fact]
    public void MissingSocketSaysNoDaemonIsListening()
    {
        var path = Path.Combine(fixture.Daemon.Directory, "absent.sock");
        var (code, _, error) = Goxel(["call", "ping", "--socket", path]);
        Assert.Equal(1, code);
        Assert.Contains($"no daemon is listening at {path}", error);
    }

    [Fact]
    public void CompletionSuggestsTheDaemonsMethodNames()
    {
        var line = $"goxel --socket {fixture.Daemon.SocketPath} call goxel.list_";
        var suggestions = Goxel([$"[suggest:{line.Length}]", line]).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("goxel.list_layers", suggestions);
        Assert.Contains("goxel.list_renders", suggestions);
        Assert.DoesNotContain("goxel.get_voxel", suggestions);
    }

    [Fact]
    public void RenderFollowsTheExtensionAndTheUmask()
    {
        var dir = DaemonProcess.NewDirectory();
        var model = Path.Combine(Fixtures, "test.gox");
        var bmp = Path.Combine(dir, "x.bmp");
        var (refused, _, why) = Goxel(["render", model, "-o", bmp, "-W", "64", "-H", "64"]);
        Assert.Equal(1, refused);
        Assert.Contains("'.bmp'", why);
        Assert.False(File.Exists(bmp));

        var jpg = Path.Combine(dir, "x.jpeg");
        Assert.Equal(0, Goxel(["render", model, "-o", jpg, "-W", "64", "-H", "64"], umask: "022").Code);
        Assert.Equal([0xFF, 0xD8], File.ReadAllBytes(jpg)[..2]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(jpg));

        var png = Path.Combine(dir, "x.png");
        Assert.Equal(0, Goxel(["render", model, "-o", png, "-W", "64", "-H", "64"], umask: "077").Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(png));
        Assert.Equal(0, Goxel(["render", model, "-o", png, "-W", "64", "-H", "64", "--owner-only"], umask: "022").Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(png));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ReadmeCommandsWorkAsWritten()
    {
        var readme = File.ReadAllText(Path.Combine(DaemonProcess.RepoRoot, "README.md"));
        var shell = System.Text.RegularExpressions.Regex.Matches(readme, "```sh\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
            .SelectMany(m => m.Groups[1].Value.Split('\n')).Select(l => l.Trim()).ToList();
        // The PATH line makes `goxel` reachable as the README shows.
        Assert.Contains("export PATH=\"$PWD/artifacts/bin:$PATH\"", shell);
        using (var client = fixture.Daemon.Connect()) client.Result("goxel.create_project", "{\"name\":\"readme\"}");
        var calls = shell.Where(l => l.StartsWith("goxel call ", StringComparison.Ordinal)).Select(l => l.Split(" #")[0].Trim())
            .Concat(System.Text.RegularExpressions.Regex.Matches(readme, "`(goxel call [^`]+)`").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(calls.Count >= 3, string.Join(" | ", calls));
        foreach (var call in calls)
        {
            var (code, _, error) = Shell(call, fixture.Daemon.SocketPath);
            Assert.True(code == 0, $"{call}: {error}");
        }
        foreach (var command in shell.Where(l => l.StartsWith("goxel ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Distinct())
            Assert.True(Goxel([command, "--help"]).Code == 0, $"README uses `goxel {command}`, which does not exist");

        // The Python session, pointed at the test daemon's socket.
        var session = System.Text.RegularExpressions.Regex.Match(readme, "python3 - <<'PY'\n(.*?)\nPY", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("/tmp/goxel-daemon.sock", session);
        var info = new ProcessStartInfo("python3", ["-"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(info)!;
        python.StandardInput.Write(session.Replace("/tmp/goxel-daemon.sock", fixture.Daemon.SocketPath, StringComparison.Ordinal));
        python.StandardInput.Close();
        var printed = python.StandardOutput.ReadToEnd();
        Assert.True(python.WaitForExit(60_000));
        Assert.True(python.ExitCode == 0, python.StandardError.ReadToEnd());
        Assert.DoesNotContain("'error'", printed);
    }

    private static (int Code, string Out, string Err) Shell(string line, string socket)
    {
        var info = new ProcessStartInfo("sh", ["-c", line]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["PATH"] = Path.Combine(DaemonProcess.RepoRoot, "artifacts", "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["GOXEL_SOCKET"] = socket;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), $"{line} did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
