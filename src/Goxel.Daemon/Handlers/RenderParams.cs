using System.Numerics;
using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;
using Goxel.Render;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Render parameters: size, camera (a preset name, {position, target, up, fov, projection},
/// camera_preset, or json_rpc_client's camera_position/camera_target), background, look
/// options. Render options may also sit in an "options" object, as render_scene's clients send.
/// </summary>
internal static class RenderParams
{
    private const int DefaultSize = 512;

    public static RenderOptions Parse(RpcParams p, int widthIndex, int heightIndex)
    {
        var options = Options(p);
        var width = p.GetInt(widthIndex, "width", DefaultSize);
        var height = p.GetInt(heightIndex, "height", DefaultSize);
        var result = new RenderOptions
        {
            // The original's rule: a size of 0 or less means 512.
            Width = width <= 0 ? DefaultSize : width,
            Height = height <= 0 ? DefaultSize : height,
            Background = Background(p, options),
            Edges = Bool(p, options, "edges", false),
            AmbientOcclusion = Bool(p, options, "ambient_occlusion", true),
            Shadows = Bool(p, options, "shadows", true),
            Supersampling = Int(p, options, "supersampling", 1),
        };
        result = Camera(p, result);
        return result;
    }

    /// <summary>The image format: "format" (png or jpeg), PNG by default.</summary>
    public static ImageFormat Format(RpcParams p) => Invalid(() => ImageFormats.Parse(p.GetString("format")));

    /// <summary>The "options" object, or default.</summary>
    public static RpcParams Options(RpcParams p) => new(p.TryGet("options", out var o) && o.ValueKind == JsonValueKind.Object ? o : default);

    private static RenderOptions Camera(RpcParams p, RenderOptions options)
    {
        if (p.TryGet("camera", out var camera))
        {
            if (camera.ValueKind == JsonValueKind.String)
                return options with { Preset = Invalid(() => CameraPresets.Parse(camera.GetString())) };
            if (camera.ValueKind != JsonValueKind.Object)
                throw RpcException.InvalidParams("Invalid camera: expected a preset name or {position, target, up?, fov?, projection?}");
            var c = new RpcParams(camera);
            if (!c.TryGet("position", out var position) || !c.TryGet("target", out var target))
                throw RpcException.InvalidParams("Invalid camera: position and target are required");
            var up = c.TryGet("up", out var u) ? Vector(u, "up") : Vector3.UnitZ;
            var projection = Projection(c.GetString("projection")) ?? Goxel.Render.Projection.Perspective;
            var explicitCamera = new Goxel.Render.Camera(Vector(position, "position"), Vector(target, "target"), up,
                (float)Number(c, "fov", Goxel.Render.Camera.GoxelFovY), projection, (float)Number(c, "ortho_half_height", 32));
            Invalid(() => explicitCamera.Validate());
            return options with { Camera = explicitCamera };
        }
        if (p.TryGet("camera_position", out var eye) && p.TryGet("camera_target", out var at))
        {
            var lookAt = Goxel.Render.Camera.LookAt(Vector(eye, "camera_position"), Vector(at, "camera_target"), Vector3.UnitZ);
            Invalid(() => lookAt.Validate());
            return options with { Camera = lookAt };
        }
        var preset = p.GetString("camera_preset") ?? Options(p).GetString("camera_preset");
        return options with
        {
            Preset = Invalid(() => CameraPresets.Parse(preset)),
            Projection = Projection(p.GetString("projection")),
        };
    }

    private static Projection? Projection(string? name) => name switch
    {
        null => null,
        "perspective" => Goxel.Render.Projection.Perspective,
        "orthographic" or "ortho" => Goxel.Render.Projection.Orthographic,
        _ => throw RpcException.InvalidParams($"Unknown projection '{name}': expected perspective or orthographic"),
    };

    private static Background Background(RpcParams p, RpcParams options)
    {
        if (Bool(p, options, "transparent", false)) return Goxel.Render.Background.Transparent;
        if (!options.TryGet("background_color", out var color) && !p.TryGet("background_color", out color)) return Goxel.Render.Background.Default;
        if (color.ValueKind == JsonValueKind.String && color.GetString() == "transparent") return Goxel.Render.Background.Transparent;
        return Goxel.Render.Background.Solid(VoxelParams.ParseColor(color));
    }

    private static bool Bool(RpcParams p, RpcParams options, string name, bool fallback) => options.GetBool(name, p.GetBool(name, fallback));

    private static int Int(RpcParams p, RpcParams options, string name, int fallback) => options.GetInt(name, p.GetInt(name, fallback));

    private static double Number(RpcParams p, string name, double fallback) =>
        p.TryGet(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    private static Vector3 Vector(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 3 && e.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number))
            return new Vector3(e[0].GetSingle(), e[1].GetSingle(), e[2].GetSingle());
        if (e.ValueKind == JsonValueKind.Object)
        {
            var o = new RpcParams(e);
            return new Vector3((float)Number(o, "x", 0), (float)Number(o, "y", 0), (float)Number(o, "z", 0));
        }
        throw RpcException.InvalidParams($"Invalid camera {name}: expected [x, y, z] or {{x, y, z}}");
    }

    /// <summary>Runs a parse whose ArgumentException is the caller's mistake (-32602).</summary>
    public static T Invalid<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException ex)
        {
            throw RpcException.InvalidParams(ex.Message);
        }
    }

    private static void Invalid(Action check) => Invalid(() =>
    {
        check();
        return true;
    });
}
