using Goxel.Core;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Goxel.Script;

/// <summary>
/// The `goxel` object scripts see (docs/protocol.md, execute_script). Built from Jint's own
/// function objects, not CLR reflection, so it works the same in the NativeAOT build. Arguments
/// are checked here, where a script can catch what they throw; the daemon applies the calls.
/// </summary>
internal static class ScriptApi
{
    /// <summary>The API over the daemon's project; <paramref name="layers"/> are the ids a call may name.</summary>
    public static JsValue Create(Engine engine, DaemonChannel daemon, HashSet<int> layers)
    {
        var api = new JsObject(engine);
        var json = new JsonParser(engine);
        void Add(string name, int length, Func<JsValue[], JsValue> body) =>
            api.Set(name, new ClrFunction(engine, name, (_, args) => body(args), length));

        Add("getVoxel", 4, a =>
        {
            var layer = LayerArg(layers, a, 3);
            return json.Parse(daemon.Ask(ScriptProtocol.GetVoxel, Int(a, 0), Int(a, 1), Int(a, 2), layer));
        });
        Add("setVoxel", 5, a =>
        {
            var layer = LayerArg(layers, a, 4);
            daemon.Post(ScriptProtocol.SetVoxel, Int(a, 0), Int(a, 1), Int(a, 2), ParseColor(a, 3).Packed, layer);
            return JsValue.Undefined;
        });
        Add("removeVoxel", 4, a =>
        {
            var layer = LayerArg(layers, a, 3);
            daemon.Post(ScriptProtocol.RemoveVoxel, Int(a, 0), Int(a, 1), Int(a, 2), layer);
            return JsValue.Undefined;
        });
        Add("fillBox", 8, a =>
        {
            var box = VoxelBox.FromCorners(new Int3(Int(a, 0), Int(a, 1), Int(a, 2)), new Int3(Int(a, 3), Int(a, 4), Int(a, 5)));
            var layer = LayerArg(layers, a, 7);
            daemon.Post(ScriptProtocol.FillBox, box.Min.X, box.Min.Y, box.Min.Z, box.Max.X, box.Max.Y, box.Max.Z, ParseColor(a, 6).Packed, layer);
            return box.CellCount;
        });
        Add("voxelCount", 0, _ => json.Parse(daemon.Ask(ScriptProtocol.VoxelCount)));
        Add("layers", 0, _ => json.Parse(daemon.Ask(ScriptProtocol.ListLayers)));
        Add("addLayer", 1, a =>
        {
            var id = int.Parse(daemon.Ask(ScriptProtocol.AddLayer, a.Length > 0 && a[0].IsString() ? a[0].AsString() : "New Layer"),
                System.Globalization.CultureInfo.InvariantCulture);
            layers.Add(id);
            return id;
        });
        Add("setActiveLayer", 1, a =>
        {
            var id = Int(a, 0);
            if (!layers.Contains(id)) throw new JavaScriptException($"no layer with id {id}");
            daemon.Post(ScriptProtocol.SetActiveLayer, id);
            return JsValue.Undefined;
        });
        Add("log", 1, a =>
        {
            // A plain loop: LINQ over Jint's argument array fails interface dispatch under NativeAOT.
            var line = new System.Text.StringBuilder();
            for (var i = 0; i < a.Length; i++) line.Append(i == 0 ? "" : " ").Append(TypeConverter.ToString(a[i]));
            daemon.Post(ScriptProtocol.Log, line.ToString());
            return JsValue.Undefined;
        });
        return api;
    }

    /// <summary>The script's value as JSON text.</summary>
    public static string ToJson(Engine engine, JsValue value)
    {
        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? "null" : json.AsString();
    }

    private static int Int(JsValue[] args, int index)
    {
        if (index >= args.Length || !args[index].IsNumber()) throw new JavaScriptException($"argument {index + 1} must be a number");
        var d = Math.Floor(args[index].AsNumber());
        if (!(Math.Abs(d) <= Coordinates.Limit)) throw new JavaScriptException($"argument {index + 1} must be within ±{Coordinates.Limit}");
        return (int)d;
    }

    // The layer a call names (one of the project's), or the active layer when it names none.
    private static long LayerArg(HashSet<int> layers, JsValue[] args, int index)
    {
        if (index >= args.Length || !args[index].IsNumber()) return ScriptProtocol.ActiveLayer;
        var id = (int)args[index].AsNumber();
        return layers.Contains(id) ? id : throw new JavaScriptException($"no layer with id {args[index]}");
    }

    private static Rgba ParseColor(JsValue[] args, int index)
    {
        if (index >= args.Length || args[index].IsUndefined()) return Rgba.White;
        var v = args[index];
        if (v.IsString()) return Rgba.FromHex(v.AsString()) ?? throw new JavaScriptException("colours are [r,g,b(,a)] or \"#RRGGBB[AA]\"");
        if (v.IsArray())
        {
            var a = v.AsArray();
            byte Channel(uint i, byte fallback) => i < a.Length && a[i].IsNumber() ? (byte)Math.Clamp(a[i].AsNumber(), 0, 255) : fallback;
            return new Rgba(Channel(0, 0), Channel(1, 0), Channel(2, 0), Channel(3, 255));
        }
        throw new JavaScriptException("colours are [r,g,b(,a)] or \"#RRGGBB[AA]\"");
    }
}
