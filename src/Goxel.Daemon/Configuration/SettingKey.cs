namespace Goxel.Daemon.Configuration;

/// <summary>
/// One config key: its name ("section.key"), how a value is read and stored into a
/// <see cref="DaemonSettings"/> record, and whether a reload may change it while running.
/// </summary>
public abstract class SettingKey(string name, bool reloadable)
{
    /// <summary>"section.key" as the config file spells it.</summary>
    public string Name { get; } = name;

    /// <summary>True when SIGHUP applies a new value; false when it takes a restart.</summary>
    public bool Reloadable { get; } = reloadable;

    /// <summary>True for keys of the original's config format that the daemon accepts but has no use for.</summary>
    public virtual bool Inert => false;

    /// <summary>A record with this key set from <paramref name="value"/>; throws <see cref="FormatException"/> saying what was expected.</summary>
    public abstract DaemonSettings Apply(DaemonSettings settings, SettingValue value);

    /// <summary>This key's value in <paramref name="settings"/>, for logs (secrets are not shown).</summary>
    public abstract string Show(DaemonSettings settings);

    /// <summary><paramref name="target"/> with this key's value taken from <paramref name="source"/>.</summary>
    public abstract DaemonSettings Keep(DaemonSettings target, DaemonSettings source);
}

/// <summary>A key bound to one property of <see cref="DaemonSettings"/>.</summary>
internal sealed class SettingKey<T>(
    string name,
    bool reloadable,
    Func<SettingValue, T> parse,
    Func<DaemonSettings, T> get,
    Func<DaemonSettings, T, DaemonSettings> set,
    bool secret = false) : SettingKey(name, reloadable)
{
    public override DaemonSettings Apply(DaemonSettings settings, SettingValue value) => set(settings, parse(value));

    public override string Show(DaemonSettings settings) => get(settings) switch
    {
        null => "(none)",
        _ when secret => "(set)",
        IEnumerable<string> list => $"[{string.Join(", ", list)}]",
        IEnumerable<int> list => $"[{string.Join(", ", list)}]",
        var value => value.ToString() ?? "",
    };

    public override DaemonSettings Keep(DaemonSettings target, DaemonSettings source) => set(target, get(source));
}

/// <summary>A key of the original's config format that is validated and then has no effect (a warning says so).</summary>
internal sealed class InertKey(string name, Action<SettingValue> validate) : SettingKey(name, reloadable: true)
{
    public override bool Inert => true;

    public override DaemonSettings Apply(DaemonSettings settings, SettingValue value)
    {
        validate(value);
        return settings;
    }

    public override string Show(DaemonSettings settings) => "";

    public override DaemonSettings Keep(DaemonSettings target, DaemonSettings source) => target;
}
