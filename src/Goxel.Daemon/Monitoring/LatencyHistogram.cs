using System.Numerics;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// Durations in fixed logarithmic buckets: four per power of two of 100 ns ticks, so a
/// percentile read from it is within 19% of the true value, from 100 ns to centuries, in 248
/// counters per stripe (<see cref="CounterStripes"/>). Recording is lock-free (a few interlocked
/// adds to the stripe of the writer's processor) and allocates nothing; readers sum the stripes
/// and see a consistent-enough view without stopping writers.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 4;
    private const int BucketCount = SubBuckets * 62;

    // Per stripe (CounterStripes), one array: the count, errors, total ticks and longest
    // duration, then the buckets from FirstBucket (the totals' line is the array's own).
    private const int CountSlot = 0, ErrorsSlot = 1, TotalSlot = 2, MaxSlot = 3, FirstBucket = 8;

    private readonly long[][] _stripes = Enumerable.Range(0, CounterStripes.Count).Select(_ => new long[FirstBucket + BucketCount]).ToArray();

    /// <summary>Counts one duration; <paramref name="failed"/> when it ended in an error.</summary>
    public void Record(TimeSpan elapsed, bool failed)
    {
        var ticks = Math.Max(elapsed.Ticks, 0);
        var stripe = _stripes[CounterStripes.Mine];
        Interlocked.Increment(ref stripe[FirstBucket + BucketOf(ticks)]);
        Interlocked.Increment(ref stripe[CountSlot]);
        if (failed) Interlocked.Increment(ref stripe[ErrorsSlot]);
        Interlocked.Add(ref stripe[TotalSlot], ticks);
        var max = Volatile.Read(ref stripe[MaxSlot]);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref stripe[MaxSlot], ticks, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>Durations recorded.</summary>
    public long Count => Sum(CountSlot);

    /// <summary>Of them, those that ended in an error.</summary>
    public long Errors => Sum(ErrorsSlot);

    /// <summary>Their sum.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Sum(TotalSlot));

    /// <summary>The longest.</summary>
    public TimeSpan Max => TimeSpan.FromTicks(_stripes.Max(stripe => Volatile.Read(ref stripe[MaxSlot])));

    private long Sum(int slot)
    {
        long sum = 0;
        foreach (var stripe in _stripes) sum += Volatile.Read(ref stripe[slot]);
        return sum;
    }

    /// <summary>
    /// The duration that <paramref name="quantile"/> (0 to 1) of the recorded ones do not
    /// exceed: the upper edge of its bucket, never above the longest seen. Zero when empty.
    /// </summary>
    public TimeSpan Percentile(double quantile)
    {
        var count = Count;
        if (count == 0) return TimeSpan.Zero;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Sum(FirstBucket + i);
            if (seen >= rank) return TimeSpan.FromTicks(Math.Min(UpperEdge(i), Max.Ticks));
        }
        return Max;
    }

    /// <summary>The bucket of a duration of <paramref name="ticks"/>: exact below 4 ticks, then four per power of two.</summary>
    internal static int BucketOf(long ticks)
    {
        if (ticks < SubBuckets) return (int)ticks;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        var sub = (int)(ticks >> (exponent - 2)) & (SubBuckets - 1);
        return Math.Min(SubBuckets * (exponent - 1) + sub, BucketCount - 1);
    }

    /// <summary>The largest duration, in ticks, that falls in bucket <paramref name="index"/>.</summary>
    internal static long UpperEdge(int index)
    {
        if (index < SubBuckets) return index;
        var exponent = index / SubBuckets + 1;
        var sub = index % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << (exponent - 2)) - 1;
    }
}
