using Goxel.Core;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// The `goxel` object scripts see (docs/protocol.md, execute_script). Built from Jint's own
/// function objects, not CLR reflection, so it works the same in the NativeAOT build.
/// </summary>
internal static class ScriptApi
{
    /// <summary>
    /// The API over <paramref name="project"/>; host calls spend cells from <paramref name="budget"/>
    /// and stop when its token is cancelled (the script's time limit covers them).
    /// </summary>
    public static JsValue Create(Engine engine, Project project, List<string> output, WorkBudget budget)
    {
        var api = new JsObject(engine);
        void Add(string name, int length, Func<JsValue[], JsValue> body) =>
            api.Set(name, new ClrFunction(engine, name, (_, args) => body(args), length));

        Add("getVoxel", 4, a =>
        {
            var c = LayerArg(project, a, 3).Volume.Get(Int(a, 0), Int(a, 1), Int(a, 2));
            return c.IsEmpty ? JsValue.Null : Color(engine, c);
        });
        Add("setVoxel", 5, a =>
        {
            budget.Spend();
            LayerArg(project, a, 4).Volume.Set(Int(a, 0), Int(a, 1), Int(a, 2), ParseColor(a, 3));
            return JsValue.Undefined;
        });
        Add("removeVoxel", 4, a =>
        {
            LayerArg(project, a, 3).Volume.Set(Int(a, 0), Int(a, 1), Int(a, 2), Rgba.Empty);
            return JsValue.Undefined;
        });
        Add("fillBox", 8, a =>
        {
            var box = VoxelBox.FromCorners(new Int3(Int(a, 0), Int(a, 1), Int(a, 2)), new Int3(Int(a, 3), Int(a, 4), Int(a, 5)));
            budget.Check(box.CellCount);
            var volume = LayerArg(project, a, 7).Volume;
            var color = ParseColor(a, 6);
            // A block-thick slab at a time, so the script's deadline is seen while a large box fills.
            for (long z = box.Min.Z; z <= box.Max.Z; z += 16)
            {
                var slab = box with { Min = box.Min with { Z = (int)z }, Max = box.Max with { Z = (int)Math.Min(z + 15, box.Max.Z) } };
                budget.Spend(slab.CellCount);
                volume.FillBox(slab, color);
            }
            return box.CellCount;
        });
        Add("voxelCount", 0, _ => project.VoxelCount);
        Add("layers", 0, _ => new JsArray(engine, project.Layers.Select(l =>
        {
            var o = new JsObject(engine);
            o.Set("id", l.Id);
            o.Set("name", l.Name);
            o.Set("visible", l.Visible);
            o.Set("voxelCount", l.Volume.VoxelCount);
            o.Set("active", ReferenceEquals(l, project.ActiveLayer));
            return (JsValue)o;
        }).ToArray()));
        Add("addLayer", 1, a => project.AddLayer(a.Length > 0 && a[0].IsString() ? a[0].AsString() : "New Layer").Id);
        Add("setActiveLayer", 1, a =>
        {
            project.ActiveLayer = project.FindLayer(Int(a, 0)) ?? throw new JavaScriptException($"no layer with id {Int(a, 0)}");
            return JsValue.Undefined;
        });
        Add("log", 1, a =>
        {
            // A plain loop: LINQ over Jint's argument array fails interface dispatch under NativeAOT.
            var line = new System.Text.StringBuilder();
            for (var i = 0; i < a.Length; i++) line.Append(i == 0 ? "" : " ").Append(TypeConverter.ToString(a[i]));
            output.Add(line.ToString());
            return JsValue.Undefined;
        });
        return api;
    }

    /// <summary>The script's value as JSON text.</summary>
    public static string ToJson(Engine engine, JsValue value)
    {
        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? "null" : json.AsString();
    }

    private static int Int(JsValue[] args, int index)
    {
        if (index >= args.Length || !args[index].IsNumber()) throw new JavaScriptException($"argument {index + 1} must be a number");
        var d = Math.Floor(args[index].AsNumber());
        if (!(Math.Abs(d) <= Coordinates.Limit)) throw new JavaScriptException($"argument {index + 1} must be within ±{Coordinates.Limit}");
        return (int)d;
    }

    private static Layer LayerArg(Project project, JsValue[] args, int index) =>
        index < args.Length && args[index].IsNumber()
            ? project.FindLayer((int)args[index].AsNumber()) ?? throw new JavaScriptException($"no layer with id {args[index]}")
            : project.ActiveLayer;

    private static Rgba ParseColor(JsValue[] args, int index)
    {
        if (index >= args.Length || args[index].IsUndefined()) return Rgba.White;
        var v = args[index];
        if (v.IsString()) return VoxelParams.ParseHex(v.AsString()) ?? throw new JavaScriptException("colours are [r,g,b(,a)] or \"#RRGGBB[AA]\"");
        if (v.IsArray())
        {
            var a = v.AsArray();
            byte Channel(uint i, byte fallback) => i < a.Length && a[i].IsNumber() ? (byte)Math.Clamp(a[i].AsNumber(), 0, 255) : fallback;
            return new Rgba(Channel(0, 0), Channel(1, 0), Channel(2, 0), Channel(3, 255));
        }
        throw new JavaScriptException("colours are [r,g,b(,a)] or \"#RRGGBB[AA]\"");
    }

    private static JsValue Color(Engine engine, Rgba c) => new JsArray(engine, [(int)c.R, (int)c.G, (int)c.B, (int)c.A]);
}
