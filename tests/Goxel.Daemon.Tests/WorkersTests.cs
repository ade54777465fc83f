using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>-j / --workers bounds how many threads one render or export uses.</summary>
public sealed class WorkersTests
{
    /// <summary>User plus system CPU time of a process so far, from /proc (clock ticks of 10 ms).</summary>
    private static TimeSpan CpuTime(int pid) => TimeSpan.FromMilliseconds(ProcessCpu.Ticks($"/proc/{pid}/stat") * 10);

    [Fact]
    public void OneWorkerRendersAndExportsOnOneCore()
    {
        using var daemon = DaemonProcess.Start("-j", "1");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        client.Result("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"size_x\":60,\"size_y\":60,\"size_z\":60,\"r\":10,\"g\":200,\"b\":30}");
        var cpu = CpuTime(daemon.Process.Id);
        var clock = Stopwatch.StartNew();
        client.Result("goxel.render_image", new { width = 1600, height = 1600 });
        client.Result("goxel.export_model", new { path = Path.Combine(daemon.Directory, "sphere.png"), format = "png" });
        var wall = clock.Elapsed;
        var used = CpuTime(daemon.Process.Id) - cpu;
        // With more threads, CPU time runs ahead of the wall clock on a multi-core machine.
        Assert.True(used.TotalMilliseconds <= (wall.TotalMilliseconds * 1.25) + 50, $"{used.TotalMilliseconds:F0} ms CPU in {wall.TotalMilliseconds:F0} ms");
    }
}
