using System.Net.Sockets;
using System.Runtime.InteropServices;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Handlers;
using Goxel.Daemon.Hosting;
using Goxel.Daemon.Monitoring;
using Goxel.Daemon.Network;
using Goxel.Daemon.Projects;
using Goxel.Daemon.Storage;
using Goxel.Daemon.Viewer;
using Goxel.Protocol;
using Goxel.Render;
using Microsoft.Extensions.Logging;

// The daemon speaks Unix sockets and POSIX signals.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace Goxel.Daemon;

internal static class Program
{
    private const string DefaultPidFile = "/tmp/goxel-daemon.pid";

    /// <summary>How long stopping the services may take in all (open connections get <see cref="DaemonService.StopGrace"/> of it).</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    public static async Task<int> Main(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        switch (line.Action)
        {
            case CommandAction.Help:
                Console.WriteLine(CommandLine.Usage);
                return 0;
            case CommandAction.Version:
                Console.WriteLine($"goxel-daemon version {DaemonMethods.Version}");
                return 0;
            case CommandAction.Status or CommandAction.Stop or CommandAction.Reload:
                // The daemon is named by its PID file, else found by the socket the flags name.
                var pidPath = line.PidFile ?? DefaultPidFile;
                var socketPath = new SettingSources(line.Assignments, null, _ => null).Build([]).SocketPath;
                return line.Action switch
                {
                    CommandAction.Status => ProcessControl.Status(pidPath, socketPath),
                    CommandAction.Stop => ProcessControl.Stop(pidPath, socketPath),
                    _ => ProcessControl.Reload(pidPath, socketPath),
                };
        }

        // Signals are ours from the first moment the socket exists: a TERM that arrives before the
        // daemon has started still shuts down cleanly, and HUP never kills the process.
        InterruptSignal.Restore();
        using var stopping = new CancellationTokenSource();
        DaemonService? service = null;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        // A HUP that arrives while the daemon is still being composed is kept and applied once the
        // service exists: whoever takes the flag reloads, so none is lost and none runs twice.
        var hangupPending = 0;
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Volatile.Write(ref hangupPending, 1);
            if (Volatile.Read(ref service) is { } running && Interlocked.Exchange(ref hangupPending, 0) == 1) running.Reload();
        });

        var warnings = new List<string>();
        var listeners = new List<Socket>();
        var sources = new SettingSources(line.Assignments, line.ConfigPath, Environment.GetEnvironmentVariable);
        DaemonSettings settings;
        CurrentSettings current;
        PidFile? pidFile = null;
        UnixSocketFile? socketFile = null;
        TcpToken token;
        TlsCredentials? tls;
        Socket? viewer = null;
        DataDirectory? dataDirectory = null;
        Socket? prometheus = null;
        try
        {
            settings = sources.Build(warnings);
            current = new CurrentSettings(settings);
            if (line.WorkingDirectory is not null) Directory.SetCurrentDirectory(line.WorkingDirectory);
            token = TcpToken.Prepare(current);
            tls = TlsCredentials.Load(settings);
            // The Unix socket comes last: once it accepts, everything else is ready.
            if (settings.Tcp is not null) listeners.Add(Endpoints.ListenTcp(settings.Tcp, settings.AllowRemote));
            if (settings.Monitoring.Prometheus is { } scrape) prometheus = Endpoints.ListenTcp(scrape, settings.AllowRemote, "monitoring.prometheus");
            if (settings.Http is not null) viewer = Endpoints.ListenTcp(settings.Http, settings.AllowRemote, "--http");
            if (settings.PidFile is not null) pidFile = PidFile.Create(settings.PidFile);
            // Before the Unix socket: a second daemon on the same data directory refuses to start.
            if (settings.Storage.Enabled) dataDirectory = DataDirectory.Open(settings.Storage.ResolvedDataDirectory);
            socketFile = Endpoints.ListenUnix(settings.SocketPath);
            listeners.Add(socketFile.Socket);
        }
        catch (Exception ex) when (ex is ConfigException or EndpointException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"goxel-daemon: {ex.Message}");
            foreach (var listener in listeners) listener.Dispose();
            prometheus?.Dispose();
            viewer?.Dispose();
            pidFile?.Dispose();
            dataDirectory?.Dispose();
            return 1;
        }

        ThreadPool.GetMinThreads(out _, out var io);
        ThreadPool.SetMinThreads(Math.Max(settings.Workers, 2), io);
        // Composed by hand rather than by Microsoft.Extensions.Hosting: its dependency injection
        // builds the open generics of options and logging at run time under NativeAOT, which
        // measured as most of the start-up time and 3.5 MB of the idle heap (docs/performance.md).
        using var log = new DaemonLogging(current, underJournal: Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 });
        var main = log.CreateLogger("goxel-daemon");
        var systemd = SystemdNotify.From(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
        var services = new StartedServices(main);
        using var archive = new RenderArchive(settings.RenderArchive);
        ProjectVault? vault = null;
        DaemonMeter? meter = null;
        try
        {
            if (dataDirectory is not null) vault = new ProjectVault(dataDirectory, settings.Storage, log.For<ProjectVault>());
            var store = new ProjectStore(current, log.For<ProjectStore>(), vault);
            var cache = new RenderCache(settings.RenderCacheLimits);
            var metrics = new DaemonMetrics(current);
            metrics.Register(new RenderCacheFigures(cache));
            // The meter exists from the start, so a collector attaching at any time sees every instrument.
            meter = new DaemonMeter(metrics, store);
            var watch = new RequestWatch(metrics, current, store, log.For<RequestWatch>());
            var server = new SocketServer(listeners, new DaemonMethods(store, current, archive, cache, metrics, watch), current, token, tls, log.For<SocketServer>());
            var daemon = new DaemonService(server, current, sources, log.For<DaemonService>());
            Volatile.Write(ref service, daemon);
            if (Interlocked.Exchange(ref hangupPending, 0) == 1) daemon.Reload();
            foreach (var warning in warnings.Concat(line.Notes)) main.LogWarning("{Warning}", warning);
            if (settings.Tcp is not null && settings.TcpAuth == TcpAuth.None)
                main.LogWarning("server.tcp_auth is \"none\": every process that can reach {Tcp} may use the daemon without a token", settings.Tcp);
            if (tls is not null)
                main.LogInformation("tcp speaks TLS only, certificate {Subject} valid until {Expiry:yyyy-MM-dd}", tls.Certificate.Subject, tls.Certificate.NotAfter);
            if (token.File is not null) main.LogInformation("tcp clients authenticate with the token in {File}", token.File);
            if (settings.Verbose)
                main.LogInformation("settings: socket {Socket}, tcp {Tcp}, workers {Workers}, max connections {Max}, protocol {Protocol}, max request {Bytes} bytes",
                    settings.SocketPath, settings.Tcp ?? "off", settings.Workers, settings.MaxConnections, settings.Protocol, settings.MaxRequestBytes);

            if (vault is not null) await services.StartAsync(new StorageLoop(store, log.For<StorageLoop>()), stopping.Token);
            await services.StartAsync(new MemoryWatch(store, cache, current, log.For<MemoryWatch>()), stopping.Token);
            await services.StartAsync(new MetricsLine(metrics, current, log.For<MetricsLine>()), stopping.Token);
            if (prometheus is not null) await services.StartAsync(new PrometheusEndpoint(prometheus, new PrometheusText(), log.For<PrometheusEndpoint>()), stopping.Token);
            await services.StartAsync(daemon, stopping.Token);
            // Nothing of the viewer runs unless server.http asks for it; it starts serving after the sockets.
            if (viewer is not null) await services.StartAsync(new ViewerServer(viewer, store, current, token, cache, log), stopping.Token);
            systemd?.Ready();
            // SIGTERM, SIGINT or SIGQUIT, or a background loop that failed.
            await Task.WhenAny(Task.Delay(Timeout.Infinite, stopping.Token), services.Failed);
            return services.Failed.IsCompleted ? 1 : 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped by a signal before every service had started.
            return 0;
        }
        finally
        {
            systemd?.Stopping();
            await services.StopAsync(ShutdownTimeout);
            meter?.Dispose();
            foreach (var listener in listeners) listener.Dispose();
            prometheus?.Dispose();
            viewer?.Dispose();
            socketFile?.Remove();
            pidFile?.Dispose();
            vault?.Dispose();
            dataDirectory?.Dispose();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
