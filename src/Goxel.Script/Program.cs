using Goxel.Script;
using Jint;
using Jint.Runtime;

// goxel-script: runs one execute_script for the daemon that started it, which applies the
// script's host calls to the project (ScriptProtocol.cs; docs/architecture.md says why the
// interpreter lives here and not in the daemon's image). The daemon starts the next one when a
// script ends, so it is ready when a script comes: it prepares the interpreter meanwhile, and
// leaves when no job came within ScriptProtocol.SpareSeconds.
var daemon = new DaemonChannel(Console.OpenStandardInput(), Console.OpenStandardOutput());
var engine = new Engine(options => options.LimitMemory(long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture)).LimitRecursion(512));
// Each evaluation counts memory from its own start: what this one allocates is not the script's.
engine.Evaluate("JSON.stringify([0])");
if (daemon.ReadJob(TimeSpan.FromSeconds(ScriptProtocol.SpareSeconds)) is not { } job) return;
engine.SetValue("goxel", ScriptApi.Create(engine, daemon, job.Layers));
try
{
    var result = engine.Evaluate(job.Code, job.Name);
    daemon.Finish(result.IsUndefined() ? null : ScriptApi.ToJson(engine, result));
}
catch (Exception ex) when (ex is JintException or Acornima.ParseErrorException or InsufficientExecutionStackException)
{
    // A throw, a syntax error, the memory or recursion cap, nesting too deep for the stack:
    // the daemon rolls the script back.
    daemon.Fail(ex.Message);
}
