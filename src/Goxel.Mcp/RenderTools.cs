using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Seeing the model: a rendered PNG returned as image content.</summary>
[McpServerToolType]
public sealed class RenderTools(Workshop workshop)
{
    /// <summary>render.</summary>
    [McpServerTool(Name = "render", Title = "Render", ReadOnly = true), Description(
        "Render the project's visible layers to a PNG and return it as an image, to check what was built. Pick a camera preset " +
        "(framed on the model automatically) or give camera_position and camera_target (world coordinates, Z up). " +
        "Render from two or three presets to understand a 3D shape.")]
    public Task<CallToolResult> Render(
        [Description("Image width in pixels, 16-2048.")] int width = 512,
        [Description("Image height in pixels, 16-2048.")] int height = 512,
        [Description("Camera preset: " + ProjectRender.Presets + ". Ignored when camera_position is given.")] string camera = "isometric",
        [Description("Explicit camera position [x,y,z] (needs camera_target).")] double[]? camera_position = null,
        [Description("Point the explicit camera looks at [x,y,z].")] double[]? camera_target = null,
        [Description("Vertical field of view in degrees for the explicit camera.")] double? fov = null,
        [Description("\"perspective\" or \"orthographic\".")] string? projection = null,
        [Description("Background \"#RRGGBB\", or \"transparent\"; omit for light grey.")] string? background = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(async () =>
        {
            if (width is < 16 or > ProjectRender.MaxSide || height is < 16 or > ProjectRender.MaxSide)
                throw new ArgumentException($"width and height must be 16-{ProjectRender.MaxSide}");
            var parameters = ToolParams.For(project_id).With("width", width).With("height", height);
            if (camera_position is not null || camera_target is not null)
            {
                if (camera_position is not { Length: 3 } || camera_target is not { Length: 3 })
                    throw new ArgumentException("an explicit camera needs camera_position and camera_target, each [x,y,z]");
                var explicitCamera = new JsonObject { ["position"] = Vector(camera_position), ["target"] = Vector(camera_target) }
                    .With("projection", projection);
                if (fov is { } degrees) explicitCamera["fov"] = degrees;
                parameters["camera"] = explicitCamera;
            }
            else parameters.With("camera_preset", camera).With("projection", projection);
            if (background is not null)
                parameters["background_color"] = background == "transparent" ? "transparent" : ToolParams.Array(VoxelColor.Resolve(background, null));
            var png = await ProjectRender.PngAsync(workshop.Engine, parameters, cancellationToken).ConfigureAwait(false);
            return new CallToolResult
            {
                Content =
                [
                    ImageContentBlock.FromBytes(png, "image/png"),
                    new TextContentBlock { Text = $"Rendered {width}x{height} PNG ({png.Length} bytes), camera {(camera_position is null ? camera : "explicit")}." },
                ],
            };
        });

    private static JsonArray Vector(double[] v) => new(JsonValue.Create(v[0]), JsonValue.Create(v[1]), JsonValue.Create(v[2]));
}
