using System.Net;
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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The daemon speaks Unix sockets and POSIX signals.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace Goxel.Daemon;

internal static class Program
{
    private const string DefaultPidFile = "/tmp/goxel-daemon.pid";

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
        // host has started still shuts down cleanly, and HUP never kills the process.
        InterruptSignal.Restore();
        using var stopping = new CancellationTokenSource();
        DaemonService? service = null;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        // A HUP that arrives while the host is still being built is kept and applied once the
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
        IPEndPoint? viewer = null;
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
            if (settings.Http is not null) viewer = Endpoints.Resolve(settings.Http, settings.AllowRemote, "--http");
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
            pidFile?.Dispose();
            dataDirectory?.Dispose();
            return 1;
        }

        ThreadPool.GetMinThreads(out _, out var io);
        ThreadPool.SetMinThreads(Math.Max(settings.Workers, 2), io);
        try
        {
            using var host = BuildHost(current, token, tls, sources, listeners, dataDirectory, prometheus, viewer);
            // The meter exists from the start, so a collector attaching at any time sees every instrument.
            host.Services.GetRequiredService<DaemonMeter>();
            Volatile.Write(ref service, host.Services.GetRequiredService<DaemonService>());
            if (Interlocked.Exchange(ref hangupPending, 0) == 1) service.Reload();
            var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("goxel-daemon");
            foreach (var warning in warnings.Concat(line.Notes)) log.LogWarning("{Warning}", warning);
            if (settings.Tcp is not null && settings.TcpAuth == TcpAuth.None)
                log.LogWarning("server.tcp_auth is \"none\": every process that can reach {Tcp} may use the daemon without a token", settings.Tcp);
            if (tls is not null)
                log.LogInformation("tcp speaks TLS only, certificate {Subject} valid until {Expiry:yyyy-MM-dd}", tls.Certificate.Subject, tls.Certificate.NotAfter);
            if (token.File is not null) log.LogInformation("tcp clients authenticate with the token in {File}", token.File);
            if (settings.Verbose)
                log.LogInformation("settings: socket {Socket}, tcp {Tcp}, workers {Workers}, max connections {Max}, protocol {Protocol}, max request {Bytes} bytes",
                    settings.SocketPath, settings.Tcp ?? "off", settings.Workers, settings.MaxConnections, settings.Protocol, settings.MaxRequestBytes);
            await host.RunAsync(stopping.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped by a signal before the host had finished starting.
            return 0;
        }
        catch (EndpointException ex)
        {
            // A listener the host opens itself (the viewer's) could not be opened.
            await Console.Error.WriteLineAsync($"goxel-daemon: {ex.Message}");
            return 1;
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
            prometheus?.Dispose();
            socketFile?.Remove();
            pidFile?.Dispose();
            dataDirectory?.Dispose();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }

    private static IHost BuildHost(CurrentSettings current, TcpToken token, TlsCredentials? tls, SettingSources sources, IReadOnlyList<Socket> listeners,
        DataDirectory? dataDirectory, Socket? prometheus, IPEndPoint? viewer)
    {
        var settings = current.Value;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        DaemonLogging.Configure(builder.Logging, current, underJournal: Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(current);
        builder.Services.AddSingleton(sources);
        if (dataDirectory is not null)
        {
            builder.Services.AddSingleton(sp => new ProjectVault(dataDirectory, settings.Storage, sp.GetRequiredService<ILogger<ProjectVault>>()));
            builder.Services.AddHostedService<StorageLoop>();
        }
        builder.Services.AddSingleton(sp => new ProjectStore(current, sp.GetRequiredService<ILogger<ProjectStore>>(), sp.GetService<ProjectVault>()));
        builder.Services.AddSingleton(_ => new RenderArchive(settings.RenderArchive));
        builder.Services.AddSingleton(_ => new RenderCache(settings.RenderCacheLimits));
        builder.Services.AddHostedService<MemoryWatch>();
        builder.Services.AddSingleton(sp =>
        {
            var metrics = new DaemonMetrics(current);
            metrics.Register(new RenderCacheFigures(sp.GetRequiredService<RenderCache>()));
            return metrics;
        });
        builder.Services.AddSingleton(sp => new RequestWatch(sp.GetRequiredService<DaemonMetrics>(), current, sp.GetRequiredService<ProjectStore>(),
            sp.GetRequiredService<ILogger<RequestWatch>>()));
        builder.Services.AddSingleton(sp => new DaemonMeter(sp.GetRequiredService<DaemonMetrics>(), sp.GetRequiredService<ProjectStore>()));
        builder.Services.AddSingleton<IRpcMethodTable>(sp => new DaemonMethods(sp.GetRequiredService<ProjectStore>(), current, sp.GetRequiredService<RenderArchive>(),
            sp.GetRequiredService<RenderCache>(), sp.GetRequiredService<DaemonMetrics>(), sp.GetRequiredService<RequestWatch>()));
        builder.Services.AddHostedService(sp => new MetricsLine(sp.GetRequiredService<DaemonMetrics>(), current, sp.GetRequiredService<ILogger<MetricsLine>>()));
        if (prometheus is not null)
            builder.Services.AddHostedService(sp => new PrometheusEndpoint(prometheus, new PrometheusText(), sp.GetRequiredService<ILogger<PrometheusEndpoint>>()));
        builder.Services.AddSingleton(sp => new SocketServer(listeners, sp.GetRequiredService<IRpcMethodTable>(), current, token, tls,
            sp.GetRequiredService<ILogger<SocketServer>>()));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton<DaemonService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DaemonService>());
        // Nothing of the viewer exists unless server.http asks for it; it starts after the sockets.
        if (viewer is not null)
            builder.Services.AddHostedService(sp => new ViewerServer(viewer, sp.GetRequiredService<ProjectStore>(), current, token, sp,
                sp.GetRequiredService<ILoggerFactory>()));
        return builder.Build();
    }
}
