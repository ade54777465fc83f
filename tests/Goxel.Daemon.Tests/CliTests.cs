using System.Diagnostics;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The `goxel` command, run as a user would.</summary>
public sealed class CliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static string Fixtures =>
        Environment.GetEnvironmentVariable("GOXEL_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(DaemonProcess.RepoRoot, "..", "shared", "fixtures");

    private static (int Code, string Out, string Err) Goxel(IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(Path.Combine(DaemonProcess.RepoRoot, "artifacts", "bin", "goxel"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
}
