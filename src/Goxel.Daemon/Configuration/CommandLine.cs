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

/// <summary>
/// The original daemon's flags (spec section 7) plus --tcp, --http and --allow-remote. A flag that sets a
/// setting is an assignment to its config key (<see cref="SettingKeys"/>), applied after the
/// config file and the environment, at start and at every reload.
/// </summary>
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
          -j, --workers N            most threads one render or export uses, 1-64 (default: cores)
          -m, --max-connections N    concurrent connections, 1-65536 (default 256)
          -P, --protocol MODE        auto, jsonrpc or mcp (default auto)
          -w, --working-dir DIR      change to DIR before starting
              --tcp HOST:PORT        also listen on TCP (loopback unless --allow-remote)
              --http HOST:PORT       serve the live viewer over HTTP (loopback unless --allow-remote;
                                     needs the token, see docs/viewer.md)
              --allow-remote         allow a non-loopback --tcp or --http host
              --max-request-bytes N  largest request accepted (default 16 MiB)
              --data-dir DIR         journals and snapshots (default $XDG_STATE_HOME/goxel-daemon,
                                     else ~/.local/state/goxel-daemon); "" runs memory-only
              --status | --stop | --reload
                                     act on the daemon named by --pid-file, else the
                                     one listening on --socket
        """;

    private CommandLine(CommandAction action, IReadOnlyList<SettingAssignment> assignments, string? configPath, string? pidFile, IReadOnlyList<string> notes, string? workingDirectory)
    {
        Action = action;
        Assignments = assignments;
        ConfigPath = configPath;
        PidFile = pidFile;
        Notes = notes;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>What to do.</summary>
    public CommandAction Action { get; }

    /// <summary>The settings the flags give, as assignments to config keys.</summary>
    public IReadOnlyList<SettingAssignment> Assignments { get; }

    /// <summary>The config file from -c, or null.</summary>
    public string? ConfigPath { get; }

    /// <summary>The PID file from -p, or null (also what --status, --stop and --reload act on).</summary>
    public string? PidFile { get; }

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
        var assignments = new List<SettingAssignment>();
        var notes = new List<string>();
        var action = CommandAction.Run;
        string? workingDirectory = null;
        string? configPath = null;
        string? pidFile = null;
        // Checked against the key's own parser now, so a bad flag stops before anything starts.
        var check = new DaemonSettings();
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
            void Set(string key, string value)
            {
                var assignment = new SettingAssignment(SettingKeys.All[key], SettingValue.FromText(value), $"command line {arg}");
                check = assignment.Key.Apply(check, assignment.Value);
                assignments.Add(assignment);
            }

            switch (arg)
            {
                case "-h" or "--help": action = CommandAction.Help; break;
                case "-v" or "--version": action = CommandAction.Version; break;
                case "-V" or "--verbose": Set("server.verbose", "true"); break;
                case "-f" or "--foreground": break;
                case "-D" or "--daemonize": notes.Add("--daemonize: the daemon stays in the foreground; run it under systemd or launchd"); break;
                case "-s" or "--socket": Set("server.socket", Value()); break;
                case "-p" or "--pid-file": pidFile = Value(); Set("server.pid_file", pidFile); break;
                case "-c" or "--config": configPath = Value(); break;
                case "-j" or "--workers": Set("daemon.worker_threads", Value()); break;
                case "-m" or "--max-connections": Set("daemon.max_connections", Value()); break;
                case "-P" or "--protocol": Set("server.protocol", Value()); break;
                case "-w" or "--working-dir": workingDirectory = Value(); break;
                case "-l" or "--log-file": Value(); notes.Add("--log-file: logs go to standard error (journald keeps them under systemd)"); break;
                case "-u" or "--user" or "-g" or "--group": Value(); notes.Add($"{arg}: ignored; start the daemon as the account it should run as"); break;
                case "--tcp": Set("server.tcp", Value()); break;
                case "--http": Set("server.http", Value()); break;
                case "--allow-remote": Set("server.allow_remote", "true"); break;
                case "--max-request-bytes": Set("server.max_request_bytes", Value()); break;
                case "--data-dir": Set("storage.data_dir", Value()); break;
                case "--status": action = CommandAction.Status; break;
                case "--stop": action = CommandAction.Stop; break;
                case "--reload": action = CommandAction.Reload; break;
                default: throw new FormatException(InvalidArguments);
            }
        }
        return new CommandLine(action, assignments, configPath, pidFile, notes, workingDirectory);
    }
}
