namespace Goxel.Daemon.Tests;

/// <summary>One daemon shared by the tests of a class.</summary>
public sealed class DaemonFixture : IDisposable
{
    public DaemonProcess Daemon { get; } = DaemonProcess.Start("--max-request-bytes", "65536");

    public void Dispose() => Daemon.Dispose();
}
