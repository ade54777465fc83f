namespace Goxel.Daemon.Configuration;

/// <summary>
/// Builds the settings record from its sources in order of precedence: defaults, the config
/// file, the environment, the command line (last, so a flag always wins, also after SIGHUP).
/// </summary>
public sealed class SettingSources(IReadOnlyList<SettingAssignment> commandLine, string? configPath, Func<string, string?> environment)
{
    /// <summary>The config file re-read on reload, or null.</summary>
    public string? ConfigPath => configPath;

    /// <summary>A fresh record from every source; throws <see cref="ConfigException"/> naming the key and value.</summary>
    public DaemonSettings Build(ICollection<string> warnings)
    {
        var assignments = new List<SettingAssignment>();
        if (configPath is not null) assignments.AddRange(ConfigFile.Read(configPath, warnings));
        foreach (var (variable, name) in SettingKeys.Environment)
        {
            if (environment(variable) is { Length: > 0 } text)
                assignments.Add(new SettingAssignment(SettingKeys.All[name], SettingValue.FromText(text), $"environment {variable}"));
        }
        // Every key also as GOXEL__SECTION__KEY (after the older names above, so it wins over them).
        foreach (var key in SettingKeys.All.Values)
        {
            var variable = SettingKeys.EnvironmentName(key.Name);
            if (environment(variable) is not { Length: > 0 } text) continue;
            if (key.Inert) warnings.Add($"environment {variable}: '{key.Name}' is accepted for compatibility and has no effect");
            assignments.Add(new SettingAssignment(key, SettingValue.FromText(text), $"environment {variable}"));
        }
        assignments.AddRange(commandLine);
        var settings = new DaemonSettings { ConfigPath = configPath };
        foreach (var (key, value, source) in assignments)
        {
            try
            {
                settings = key.Apply(settings, value);
            }
            catch (FormatException ex)
            {
                throw new ConfigException($"{source}: invalid value for '{key.Name}': {ex.Message}");
            }
        }
        return settings;
    }

    /// <summary>
    /// The record a reload installs: <paramref name="fresh"/> with every key that needs a restart
    /// kept from <paramref name="running"/>, plus what changed and what was left for a restart.
    /// </summary>
    public static (DaemonSettings Settings, IReadOnlyList<string> Changed, IReadOnlyList<string> NeedRestart) Reconcile(DaemonSettings running, DaemonSettings fresh)
    {
        var changed = new List<string>();
        var restart = new List<string>();
        foreach (var key in SettingKeys.All.Values)
        {
            var before = key.Show(running);
            var after = key.Show(fresh);
            if (before == after) continue;
            if (key.Reloadable)
            {
                changed.Add($"{key.Name}: {before} -> {after}");
            }
            else
            {
                restart.Add($"{key.Name}: {before} -> {after}");
                fresh = key.Keep(fresh, running);
            }
        }
        return (fresh, changed, restart);
    }
}
