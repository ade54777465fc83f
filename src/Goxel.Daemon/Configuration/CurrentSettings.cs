namespace Goxel.Daemon.Configuration;

/// <summary>
/// The settings record in force. Readers take <see cref="Value"/> once per operation and use
/// that record throughout; a reload replaces the reference in one write, so nobody sees half
/// of an old record and half of a new one.
/// </summary>
public sealed class CurrentSettings(DaemonSettings initial)
{
    private volatile DaemonSettings _value = initial;

    /// <summary>The record in force now.</summary>
    public DaemonSettings Value => _value;

    /// <summary>Installs <paramref name="next"/> for every later reader.</summary>
    public void Replace(DaemonSettings next) => _value = next;
}
