using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const int MaxScriptTimeoutMs = 300_000;
    private const int MaxScriptFileBytes = 1 << 20;

    private void RegisterScripts() => Register("goxel.execute_script", ExecuteScript);

    /// <summary>
    /// Runs JavaScript (Jint, in a goxel-script process: <see cref="ScriptHost"/>) against the same
    /// project the other methods edit, as one atomic undo step: a script that throws or times out
    /// changes nothing. A timeout really stops the script (the original let it run on and block
    /// every later script).
    /// </summary>
    private void ExecuteScript(RpcParams p, Utf8JsonWriter w)
    {
        var code = p.GetString("script") ?? p.GetString("code");
        if (code is null && p.GetString("path") is { } path) code = ReadScriptFile(path);
        if (code is null) throw RpcException.InvalidParams("Must specify either 'script' (code) or 'path' parameter");
        var timeout = p.GetInt(-1, "timeout_ms", _settings.TimeoutMs, 1, MaxScriptTimeoutMs);
        var output = new List<string>();
        var open = Resolve(p, RpcErrorCode.InternalError, "Script execution failed");
        var name = p.GetString("name") ?? "script";
        // One token for the script and its host calls: the request's (client gone, shutdown) or the time limit.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(p.Cancellation);
        deadline.CancelAfter(timeout);
        // Cells written by host calls count against the script's memory cap at 4 bytes a cell.
        var budget = new WorkBudget(Math.Min(_settings.RegionMaxCells, _settings.ScriptMemoryBytes / 4), "limits.region_max_cells / limits.script_memory_mb",
            _settings.MemoryBudgetBytes, "limits.memory_mb", deadline.Token);
        string? value = null, error = null;
        try
        {
            value = EditBehindView(open, project => ScriptHost.Run(project, code, name, _settings.ScriptMemoryBytes, budget, output));
        }
        catch (ScriptFailure failure)
        {
            error = failure.Message;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            p.Cancellation.ThrowIfCancellationRequested();
            throw RpcException.Internal("Script execution timeout");
        }
        w.WriteStartObject();

        w.WriteBoolean("success", error is null);
        w.WriteNumber("code", error is null ? 0 : -1);
        w.WriteString("message", error is null ? "Script executed successfully" : $"Script execution failed: {error}");
        if (value is not null)
        {
            w.WritePropertyName("result");
            w.WriteRawValue(value);
        }
        w.WriteStartArray("output");
        foreach (var line in output) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // The same path policy as every file method (files.allowed_roots), regular files only.
    private string ReadScriptFile(string path) =>
        System.Text.Encoding.UTF8.GetString(Files(() => _files.ReadBytes(path, MaxScriptFileBytes), RpcErrorCode.InvalidParams, "Cannot read script file"));
}
