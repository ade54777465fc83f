using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;
using Goxel.Script;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Runs a script in a goxel-script process beside the executable (the interpreter is not linked
/// into the daemon: docs/architecture.md) and applies its host calls to the project as they
/// arrive (<see cref="ScriptProtocol"/>). The process is killed when the budget's token is
/// cancelled (the script's time limit, the client gone) or a call fails here. When a script ends
/// the next process starts, so a script that follows within
/// <see cref="ScriptProtocol.SpareSeconds"/> finds its interpreter ready.
/// </summary>
internal static class ScriptHost
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly Lock SpareLock = new();
    private static (Process Process, long MemoryBytes)? s_spare;

    /// <summary>Where the script host is looked for: beside the running executable (scripts/build links it there).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "goxel-script");

    /// <summary>
    /// Runs <paramref name="code"/> against <paramref name="project"/>; returns its value as JSON
    /// (null when undefined). Throws <see cref="ScriptFailure"/> when the script failed (a
    /// throw, a cap), OperationCanceledException when the budget's token stopped it.
    /// </summary>
    public static string? Run(Project project, string code, string name, long memoryBytes, WorkBudget budget, List<string> output)
    {
        using var process = Begin(Job(project, code, name), memoryBytes);
        try
        {
            using (budget.Cancellation.Register(static p => Kill((Process)p!), process))
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    using var message = JsonDocument.Parse(line);
                    if (Apply(project, message.RootElement, budget, output, process.StandardInput, out var value)) return value;
                }
            }
            process.WaitForExit();
            budget.Cancellation.ThrowIfCancellationRequested();
            throw RpcException.Internal($"Script execution failed: the script host ended without an answer (exit code {process.ExitCode})");
        }
        catch (WorkLimitException ex)
        {
            throw new ScriptFailure(ex.Message);
        }
        finally
        {
            Kill(process);
            // The next script's process starts now, not while this one ran: it would have taken one of the two cores from it.
            ThreadPool.QueueUserWorkItem(Prepare, memoryBytes, preferLocal: false);
        }
    }

    // A goxel-script whose interpreter holds at most memoryBytes.
    private static Process Start(long memoryBytes)
    {
        var start = new ProcessStartInfo(Executable, [memoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
        };
        try
        {
            return Process.Start(start) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception ex)
        {
            throw RpcException.Internal($"Script execution failed: cannot start the script host {Executable}: {ex.Message}");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            // (The runtime reaps it.)
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
    }

    private static string Job(Project project, string code, string name) => JsonText(w =>
    {
        w.WriteStartObject();
        w.WriteString(ScriptProtocol.Code, code);
        w.WriteString(ScriptProtocol.Name, name);
        w.WriteStartArray(ScriptProtocol.Layers);
        foreach (var layer in project.Layers) w.WriteNumberValue(layer.Id);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    // A process that took the job: the spare if there is one with this memory cap, else a new one.
    private static Process Begin(string job, long memoryBytes)
    {
        (Process Process, long MemoryBytes)? taken;
        lock (SpareLock) (taken, s_spare) = (s_spare, null);
        if (taken is var (spare, cap))
        {
            try
            {
                // Unless limits.script_memory_mb changed since it started.
                if (cap == memoryBytes)
                {
                    Send(spare, job);
                    return spare;
                }
                Kill(spare);
            }
            catch (IOException)
            {
                // It left, its wait for a job over.
            }
            spare.Dispose();
        }
        var process = Start(memoryBytes);
        Send(process, job);
        return process;
    }

    private static void Prepare(long memoryBytes)
    {
        Process next;
        try
        {
            next = Start(memoryBytes);
        }
        catch (RpcException)
        {
            return;
        }
        lock (SpareLock)
        {
            if (s_spare is null)
            {
                s_spare = (next, memoryBytes);
                return;
            }
        }
        Kill(next);
        next.Dispose();
    }

    private static void Send(Process process, string job)
    {
        process.StandardInput.WriteLine(job);
        process.StandardInput.Flush();
    }

    // Applies one message; true when it was the script's outcome (its value in `value`).
    private static bool Apply(Project project, JsonElement m, WorkBudget budget, List<string> output, StreamWriter answers, out string? value)
    {
        value = null;
        switch (m[0].GetString())
        {
            case ScriptProtocol.GetVoxel:
                var c = LayerOf(project, m[4]).Volume.Get(m[1].GetInt32(), m[2].GetInt32(), m[3].GetInt32());
                Answer(answers, c.IsEmpty ? "null" : $"[{c.R},{c.G},{c.B},{c.A}]");
                break;
            case ScriptProtocol.SetVoxel:
                budget.Spend();
                LayerOf(project, m[5]).Volume.Set(m[1].GetInt32(), m[2].GetInt32(), m[3].GetInt32(), Rgba.FromPacked(m[4].GetUInt32()));
                break;
            case ScriptProtocol.RemoveVoxel:
                LayerOf(project, m[4]).Volume.Set(m[1].GetInt32(), m[2].GetInt32(), m[3].GetInt32(), Rgba.Empty);
                break;
            case ScriptProtocol.FillBox:
                Fill(LayerOf(project, m[8]).Volume, new VoxelBox(Int3Of(m, 1), Int3Of(m, 4)), Rgba.FromPacked(m[7].GetUInt32()), budget);
                break;
            case ScriptProtocol.VoxelCount:
                Answer(answers, project.VoxelCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ScriptProtocol.ListLayers:
                Answer(answers, LayersJson(project));
                break;
            case ScriptProtocol.AddLayer:
                Answer(answers, project.AddLayer(m[1].GetString()!).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ScriptProtocol.SetActiveLayer:
                project.ActiveLayer = LayerOf(project, m[1]);
                break;
            case ScriptProtocol.Log:
                output.Add(m[1].GetString()!);
                break;
            case ScriptProtocol.Result:
                value = m[1].ValueKind == JsonValueKind.Null ? null : m[1].GetRawText();
                return true;
            case ScriptProtocol.Failed:
                throw new ScriptFailure(m[1].GetString()!);
            default:
                throw new InvalidDataException($"the script host sent an unknown call: {m[0]}");
        }
        return false;
    }

    // A block-thick slab at a time, so the script's deadline is seen while a large box fills.
    private static void Fill(Volume volume, VoxelBox box, Rgba color, WorkBudget budget)
    {
        budget.Check(box.CellCount);
        for (long z = box.Min.Z; z <= box.Max.Z; z += 16)
        {
            var slab = box with { Min = box.Min with { Z = (int)z }, Max = box.Max with { Z = (int)Math.Min(z + 15, box.Max.Z) } };
            budget.Spend(slab.CellCount);
            volume.FillBox(slab, color);
        }
    }

    private static Int3 Int3Of(JsonElement m, int first) => new(m[first].GetInt32(), m[first + 1].GetInt32(), m[first + 2].GetInt32());

    private static Layer LayerOf(Project project, JsonElement id) =>
        id.GetInt64() == ScriptProtocol.ActiveLayer ? project.ActiveLayer
            : project.FindLayer(checked((int)id.GetInt64())) ?? throw new ScriptFailure($"no layer with id {id.GetInt64()}");

    private static string LayersJson(Project project) => JsonText(w =>
    {
        w.WriteStartArray();
        foreach (var l in project.Layers)
        {
            w.WriteStartObject();
            w.WriteNumber("id", l.Id);
            w.WriteString("name", l.Name);
            w.WriteBoolean("visible", l.Visible);
            w.WriteNumber("voxelCount", l.Volume.VoxelCount);
            w.WriteBoolean("active", ReferenceEquals(l, project.ActiveLayer));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static string JsonText(Action<Utf8JsonWriter> write)
    {
        using var text = new MemoryStream();
        using (var w = new Utf8JsonWriter(text)) write(w);
        return Utf8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }

    private static void Answer(StreamWriter answers, string json)
    {
        answers.WriteLine(json);
        answers.Flush();
    }
}

/// <summary>A script that failed (threw, passed a cap): answered as a result with success false, and rolled back.</summary>
internal sealed class ScriptFailure(string message) : Exception(message);
