namespace Goxel.Core;

/// <summary>
/// A time limit on one operation, as a point on <see cref="Environment.TickCount64"/>: reading it
/// costs a clock read, no timer, so every request can carry one and only long loops look at it.
/// </summary>
public readonly record struct WorkDeadline(long DueTick, int LimitMs, string LimitName)
{
    /// <summary>No time limit (also the default value).</summary>
    public static WorkDeadline None => default;

    /// <summary>True when there is a time limit.</summary>
    public bool IsSet => LimitMs > 0;

    /// <summary>A deadline <paramref name="limitMs"/> from now, named by its config key.</summary>
    public static WorkDeadline After(int limitMs, string limitName) => new(Environment.TickCount64 + limitMs, limitMs, limitName);

    /// <summary>True once the time is up.</summary>
    public bool Passed => IsSet && Environment.TickCount64 >= DueTick;

    /// <summary>Time left (zero once passed; infinite without a limit).</summary>
    public TimeSpan Remaining => !IsSet ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, DueTick - Environment.TickCount64));

    /// <summary>Throws <see cref="WorkTimeoutException"/> once the time is up.</summary>
    public void ThrowIfPassed()
    {
        if (Passed) throw new WorkTimeoutException(this);
    }
}

/// <summary>An operation ran past its <see cref="WorkDeadline"/>; the message names the limit and its value.</summary>
public sealed class WorkTimeoutException(WorkDeadline deadline) : Exception($"Request timed out after {deadline.LimitMs} ms ({deadline.LimitName})")
{
    /// <summary>The deadline that passed.</summary>
    public WorkDeadline Deadline { get; } = deadline;
}
