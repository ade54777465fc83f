namespace Goxel.Daemon.Monitoring;

/// <summary>
/// A running total and its recent rate: per-second counters in a ring of eight, so the rate is
/// the mean of the last <see cref="Seconds"/> whole seconds. Adding is an interlocked add to the
/// adder's stripe (<see cref="CounterStripes"/>); a lock is taken only by the first add of a new
/// second, to clear its slot in every stripe.
/// </summary>
internal sealed class RateWindow
{
    /// <summary>Whole seconds the rate is averaged over.</summary>
    public const int Seconds = 5;

    private const int Slots = 8;

    // Per stripe: the ring's counts, then the running total.
    private const int TotalSlot = Slots;

    private readonly long[] _stamps = new long[Slots];
    private readonly long[][] _stripes = Enumerable.Range(0, CounterStripes.Count).Select(_ => new long[Slots + 1]).ToArray();
    private readonly Lock _gate = new();

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
                    foreach (var stripe in _stripes) Volatile.Write(ref stripe[slot], 0);
                    Volatile.Write(ref _stamps[slot], second);
                }
            }
        }
        var mine = _stripes[CounterStripes.Mine];
        Interlocked.Add(ref mine[slot], amount);
        Interlocked.Add(ref mine[TotalSlot], amount);
    }

    /// <summary>Everything added since start.</summary>
    public long Total => _stripes.Sum(stripe => Volatile.Read(ref stripe[TotalSlot]));

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
                if (age is >= 1 and <= Seconds)
                    foreach (var stripe in _stripes) sum += Volatile.Read(ref stripe[i]);
            }
            return sum / (double)Seconds;
        }
    }
}
