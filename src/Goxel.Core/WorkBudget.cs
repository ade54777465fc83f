namespace Goxel.Core;

/// <summary>An operation ran into a limit; the message names the limit and its value.</summary>
public sealed class WorkLimitException(string message) : Exception(message);

/// <summary>
/// What one operation may spend: cells (a cap checked before work where the size is known and
/// counted while it runs otherwise), the daemon's managed-memory budget, and a cancellation
/// token (client gone, timeout, shutdown). Loops call <see cref="Spend"/> per cell; the memory
/// cancellation and deadline checks run every few thousand cells, so the cost is a counter.
/// </summary>
public sealed class WorkBudget(long maxCells, string cellLimitName, long maxMemoryBytes, string memoryLimitName, CancellationToken cancellation,
    WorkDeadline deadline = default)
{
    private const int CheckEvery = 4096;

    private long _spent;
    private int _untilCheck = CheckEvery;

    /// <summary>No limits at all (engine tests, internal copies).</summary>
    public static WorkBudget Unlimited => new(long.MaxValue, "", long.MaxValue, "", CancellationToken.None);

    /// <summary>Cells spent so far.</summary>
    public long Spent => _spent;

    /// <summary>The cell cap.</summary>
    public long MaxCells => maxCells;

    /// <summary>The token the operation stops on.</summary>
    public CancellationToken Cancellation => cancellation;

    /// <summary>The time limit the operation stops at (<see cref="WorkTimeoutException"/>).</summary>
    public WorkDeadline Deadline => deadline;

    /// <summary>Refuses, before any work, an operation of <paramref name="cells"/> cells over the cap.</summary>
    public void Check(long cells)
    {
        if (cells > maxCells - _spent)
            throw new WorkLimitException($"{cells} cells is over the limit of {maxCells - _spent} ({cellLimitName})");
        CheckNow();
    }

    /// <summary>Counts <paramref name="cells"/> cells of work done; throws past a limit or when cancelled.</summary>
    public void Spend(long cells = 1)
    {
        _spent += cells;
        if (_spent > maxCells) throw new WorkLimitException($"the operation passed {maxCells} cells ({cellLimitName})");
        _untilCheck -= (int)Math.Min(cells, CheckEvery);
        if (_untilCheck > 0) return;
        _untilCheck = CheckEvery;
        CheckNow();
    }

    private void CheckNow()
    {
        cancellation.ThrowIfCancellationRequested();
        deadline.ThrowIfPassed();
        if (maxMemoryBytes != long.MaxValue && GC.GetTotalMemory(false) > maxMemoryBytes)
            throw new WorkLimitException($"the daemon's memory passed {maxMemoryBytes >> 20} MB ({memoryLimitName})");
    }
}
