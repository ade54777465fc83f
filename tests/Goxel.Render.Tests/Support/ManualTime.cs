namespace Goxel.Render.Tests.Support;

/// <summary>A clock the test moves by hand; timers it creates are real but unused by these tests.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
