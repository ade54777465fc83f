namespace Goxel.Daemon.Monitoring;

/// <summary>
/// A running total and its recent rate: per-second counters in a ring of eight, so the rate is
/// the mean of the last <see cref="Seconds"/> whole seconds. Adding is an interlocked add; a
/// lock is taken only by the first add of a new second, to clear its slot.
/// </summary>
internal sealed class RateWindow
{
    /// <summary>Whole seconds the rate is averaged over.</summary>
    public const int Seconds = 5;

    private const int Slots = 8;
    private readonly long[] _stamps = new long[Slots];
    private readonly long[] _counts = new long[Slots];
    private readonly Lock _gate = new();
    private long _total;

    /// <summary>Adds <paramref name="amount"/> now.</summary>
    public void Add(long amount)
    {
        var second = Environment.TickCount64 / 1000;
        var slot = (int)(second % Slots);
        if (Volatile.Read(ref _stamps[slot]) != second)
        {
            lock (_gate)
            {
                if (_stamps[slot] != second)
                {
                    Volatile.Write(ref _counts[slot], 0);
                    Volatile.Write(ref _stamps[slot], second);
                }
            }
        }
        Interlocked.Add(ref _counts[slot], amount);
        Interlocked.Add(ref _total, amount);
    }

    /// <summary>Everything added since start.</summary>
    public long Total => Volatile.Read(ref _total);

    /// <summary>Mean per second over the last <see cref="Seconds"/> whole seconds (the current one is still filling).</summary>
    public double PerSecond
    {
        get
        {
            var now = Environment.TickCount64 / 1000;
            long sum = 0;
            for (var i = 0; i < Slots; i++)
            {
                var age = now - Volatile.Read(ref _stamps[i]);
                if (age is >= 1 and <= Seconds) sum += Volatile.Read(ref _counts[i]);
            }
            return sum / (double)Seconds;
        }
    }
}
