using System.Numerics;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// Durations in fixed logarithmic buckets: four per power of two of 100 ns ticks, so a
/// percentile read from it is within 19% of the true value, from 100 ns to centuries, in 248
/// counters. Recording is lock-free (a few interlocked adds) and allocates nothing; readers
/// see a consistent-enough view without stopping writers.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 4;
    private const int BucketCount = SubBuckets * 62;

    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _errors;
    private long _totalTicks;
    private long _maxTicks;

    /// <summary>Counts one duration; <paramref name="failed"/> when it ended in an error.</summary>
    public void Record(TimeSpan elapsed, bool failed)
    {
        var ticks = Math.Max(elapsed.Ticks, 0);
        Interlocked.Increment(ref _buckets[BucketOf(ticks)]);
        Interlocked.Increment(ref _count);
        if (failed) Interlocked.Increment(ref _errors);
        Interlocked.Add(ref _totalTicks, ticks);
        var max = Volatile.Read(ref _maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>Durations recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Of them, those that ended in an error.</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Their sum.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Volatile.Read(ref _totalTicks));

    /// <summary>The longest.</summary>
    public TimeSpan Max => TimeSpan.FromTicks(Volatile.Read(ref _maxTicks));

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
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank) return TimeSpan.FromTicks(Math.Min(UpperEdge(i), Volatile.Read(ref _maxTicks)));
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
