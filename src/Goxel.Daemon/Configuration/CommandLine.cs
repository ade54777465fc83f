using System.Globalization;

namespace Goxel.Daemon.Configuration;

/// <summary>What the command line asks for besides running the daemon.</summary>
public enum CommandAction
{
    /// <summary>Run the daemon.</summary>
    Run,

    /// <summary>Print usage and exit.</summary>
    Help,

    /// <summary>Print the version and exit.</summary>
    Version,

    /// <summary>Report whether the daemon of the PID file runs.</summary>
    Status,

    /// <summary>Stop the daemon of the PID file.</summary>
    Stop,

    /// <summary>Send SIGHUP to the daemon of the PID file.</summary>
    Reload,
}

/// <summary>The original daemon's flags (spec section 7) plus --tcp and --allow-remote.</summary>
public sealed class CommandLine
{
    /// <summary>The original's message for any bad option.</summary>
    public const string InvalidArguments = "Invalid command line arguments. Use --help for usage information.";

    /// <summary>Usage text.</summary>
    public const string Usage = """
        Usage: goxel-daemon [options]

          -h, --help                 show this help and exit
          -v, --version              show the version and exit
          -V, --verbose              debug logging and a settings summary at start
          -f, --foreground           run in the foreground (always; kept for compatibility)
          -D, --daemonize            accepted; the daemon stays in the foreground (use systemd)
          -s, --socket PATH          Unix socket path (default /tmp/goxel-daemon.sock, mode 0600)
          -p, --pid-file PATH        write the process id there; removed on exit
          -c, --config FILE          JSON config file (the seed guide's format; see docs/configuration.md)
          -j, --workers N            worker threads for parallel work, 1-64 (default: cores)
          -m, --max-connections N    concurrent connections, 1-65536 (default 256)
          -P, --protocol MODE        auto, jsonrpc or mcp (default auto)
          -w, --working-dir DIR      change to DIR before starting
          -q, --queue-size N         accepted for compatibility (requests run in arrival order)
              --tcp HOST:PORT        also listen on TCP (loopback unless --allow-remote)
              --allow-remote         allow a non-loopback --tcp host
              --max-request-bytes N  largest request accepted (default 16 MiB)
              --data-dir DIR         journals and snapshots (default $XDG_STATE_HOME/goxel-daemon,
                                     else ~/.local/state/goxel-daemon); "" runs memory-only
              --status | --stop | --reload
                                     act on the daemon named by --pid-file
        """;

    private CommandLine(CommandAction action, DaemonSettings settings, IReadOnlyList<string> notes, string? workingDirectory)
    {
        Action = action;
        Settings = settings;
        Notes = notes;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>What to do.</summary>
    public CommandAction Action { get; }

    /// <summary>The settings the flags give (before the config file is applied).</summary>
    public DaemonSettings Settings { get; }

    /// <summary>Flags that were accepted but change nothing, to be logged.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Directory to change to, from -w.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with <see cref="InvalidArguments"/>.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        try
        {
            return ParseOrThrow(args);
        }
        catch (FormatException)
        {
            throw new FormatException(InvalidArguments);
        }
    }

    private static CommandLine ParseOrThrow(IReadOnlyList<string> args)
    {
        var settings = new DaemonSettings();
        var notes = new List<string>();
        var action = CommandAction.Run;
        string? workingDirectory = null;
        var explicitKeys = new HashSet<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            if (eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new FormatException(InvalidArguments));
            int Number(int min, int max) =>
                int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n : throw new FormatException(InvalidArguments);

            switch (arg)
            {
                case "-h" or "--help": action = CommandAction.Help; break;
                case "-v" or "--version": action = CommandAction.Version; break;
                case "-V" or "--verbose": settings.Verbose = true; break;
                case "-f" or "--foreground": break;
                case "-D" or "--daemonize": notes.Add("--daemonize: the daemon stays in the foreground; run it under systemd or launchd"); break;
                case "-s" or "--socket": settings.SocketPath = Value(); explicitKeys.Add("socket"); break;
                case "-p" or "--pid-file": settings.PidFile = Value(); break;
                case "-c" or "--config": settings.ConfigPath = Value(); break;
                case "-j" or "--workers": settings.Workers = Number(1, 64); explicitKeys.Add("workers"); break;
                case "-m" or "--max-connections": settings.MaxConnections = Number(1, 65536); explicitKeys.Add("max_connections"); break;
                case "-q" or "--queue-size": Number(1, 65536); break;
                case "-P" or "--protocol": settings.Protocol = DaemonSettings.ParseProtocol(Value()); explicitKeys.Add("protocol"); break;
                case "-w" or "--working-dir": workingDirectory = Value(); break;
                case "-l" or "--log-file": Value(); notes.Add("--log-file: logs go to standard error (journald keeps them under systemd)"); break;
                case "-u" or "--user" or "-g" or "--group": Value(); notes.Add($"{arg}: ignored; start the daemon as the account it should run as"); break;
                case "--priority-queue": break;
                case "--tcp": settings.Tcp = Value(); explicitKeys.Add("tcp"); break;
                case "--allow-remote": settings.AllowRemote = true; explicitKeys.Add("allow_remote"); break;
                case "--max-request-bytes": settings.MaxRequestBytes = Number(1024, int.MaxValue); explicitKeys.Add("max_request_bytes"); break;
                case "--data-dir":
                    var dir = Value();
                    settings.Storage.DataDirectory = dir.Length > 0 ? dir : null;
                    settings.Storage.Enabled = dir.Length > 0;
                    explicitKeys.Add("data_dir");
                    break;
                case "--status": action = CommandAction.Status; break;
                case "--stop": action = CommandAction.Stop; break;
                case "--reload": action = CommandAction.Reload; break;
                default: throw new FormatException(InvalidArguments);
            }
        }
        settings.CommandLineKeys.UnionWith(explicitKeys);
        return new CommandLine(action, settings, notes, workingDirectory);
    }
}
