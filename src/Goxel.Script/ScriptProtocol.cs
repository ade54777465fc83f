namespace Goxel.Script;

/// <summary>
/// What the daemon and its goxel-script process say to each other, one JSON value per line
/// (compiled into both). The process's one argument is the interpreter's memory cap in bytes
/// (limits.script_memory_mb). The daemon writes the job object on the script's standard input; the
/// script writes its host calls on its standard output as arrays `[op, arguments...]`, then its
/// outcome, <see cref="Result"/> or <see cref="Failed"/>. Calls that return nothing are not
/// answered, so the script runs ahead while the daemon applies them in order; after a call that
/// returns a value the script waits for the value, one JSON line on its standard input. The daemon
/// kills the process when the script's time is up or an edit passes a limit.
/// </summary>
internal static class ScriptProtocol
{
    /// <summary>How long a process started ahead of need waits for its job before it leaves.</summary>
    public const int SpareSeconds = 30;

    /// <summary>Job: the script's code.</summary>
    public const string Code = "script";

    /// <summary>Job: the name errors give the script.</summary>
    public const string Name = "name";

    /// <summary>Job: the ids of the project's layers when the script starts.</summary>
    public const string Layers = "layers";

    /// <summary>The layer argument of a call that names none: the active layer.</summary>
    public const long ActiveLayer = long.MinValue;

    /// <summary>[op, x, y, z, layer]: answered [r, g, b, a] or null.</summary>
    public const string GetVoxel = "get";

    /// <summary>[op, x, y, z, packed colour, layer].</summary>
    public const string SetVoxel = "set";

    /// <summary>[op, x, y, z, layer].</summary>
    public const string RemoveVoxel = "remove";

    /// <summary>[op, min x, y, z, max x, y, z, packed colour, layer].</summary>
    public const string FillBox = "fill";

    /// <summary>[op]: answered with the project's voxel count.</summary>
    public const string VoxelCount = "count";

    /// <summary>[op]: answered [{id, name, visible, voxelCount, active}].</summary>
    public const string ListLayers = "layers";

    /// <summary>[op, name]: answered with the new layer's id.</summary>
    public const string AddLayer = "add_layer";

    /// <summary>[op, layer].</summary>
    public const string SetActiveLayer = "activate";

    /// <summary>[op, line]: a line of the script's output.</summary>
    public const string Log = "log";

    /// <summary>[op, value]: the script ended with this value (JSON; null when undefined).</summary>
    public const string Result = "result";

    /// <summary>[op, message]: the script threw, or passed its memory or recursion cap.</summary>
    public const string Failed = "failed";
}
