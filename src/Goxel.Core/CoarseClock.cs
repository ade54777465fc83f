namespace Goxel.Core;

/// <summary>
/// The time of day to the millisecond tick of <see cref="Environment.TickCount64"/> (the kernel's
/// coarse clock, updated every few milliseconds), for stamps taken on every edit
/// (<see cref="Project.LastChange"/>): <see cref="DateTime.UtcNow"/> is a clock read each time,
/// 2% of a pipelined add_voxel's CPU on this machine's virtual clock (docs/performance.md); this
/// reads it once per tick.
/// </summary>
public static class CoarseClock
{
    private static long s_tick = -1;
    private static DateTime s_now;

    /// <summary>Now, UTC, as of the last tick (at most a few milliseconds behind <see cref="DateTime.UtcNow"/>).</summary>
    public static DateTime UtcNow
    {
        get
        {
            var tick = Environment.TickCount64;
            if (Volatile.Read(ref s_tick) == tick) return s_now;
            // The time first, then the tick it belongs to: a reader that sees the tick sees the time.
            var now = DateTime.UtcNow;
            s_now = now;
            Volatile.Write(ref s_tick, tick);
            return now;
        }
    }
}
