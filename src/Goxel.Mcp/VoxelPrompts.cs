using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Prompts that teach a model how this server's voxel world works.</summary>
[McpServerPromptType]
public sealed class VoxelPrompts
{
    /// <summary>The conventions every tool follows, stated once.</summary>
    internal const string Conventions =
        "Conventions of the goxel voxel tools:\n" +
        "- A voxel is one integer cell [x,y,z]. Z is up: the ground is z = 0 and height grows with z; x is right, y is forward.\n" +
        "- Colours are \"#RRGGBB\" (or \"#RRGGBBAA\") in `color`, or [r,g,b] / [r,g,b,a] with 0-255 channels in `rgba`.\n" +
        "- Boxes are inclusive: min [0,0,0] max [3,3,0] is a 4x4 floor of 16 voxels.\n" +
        "- Every tool call is one undoable step; `undo` takes it back.\n" +
        "- Tools act on the current project unless given project_id, and on the active layer unless given layer_id.\n" +
        "- Prefer few large calls: draw_box, draw_sphere, draw_cylinder and draw_line for shapes, add_voxels with many rows for detail, " +
        "execute_script for regular patterns.\n" +
        "- Look at your work with `render` (try two or three camera presets) and check numbers with get_project_info, " +
        "get_bounding_box and analyze_colors.";

    /// <summary>build_model.</summary>
    [McpServerPrompt(Name = "build_model", Title = "Build a voxel model"), Description(
        "Build a voxel model from a description, then render it and fix what looks wrong.")]
    public static string BuildModel(
        [Description("What to build, e.g. \"a small red-roofed cottage\".")] string description,
        [Description("Rough size of the model's longest side in voxels.")] string size = "32") =>
        Conventions + "\n\n" +
        $"Task: build {description}, about {size} voxels on its longest side.\n" +
        "1. create_project with room for the model.\n" +
        "2. Plan the parts (base, walls, details), each with its colour; put separate parts on separate layers with create_layer.\n" +
        "3. Build with shapes first, then detail with add_voxels.\n" +
        "4. render from \"isometric\" and one side preset; compare with the description and fix mistakes (undo, remove_voxels, paint_voxels).\n" +
        "5. Report what you built and its bounding box.";

    /// <summary>voxel_conventions.</summary>
    [McpServerPrompt(Name = "voxel_conventions", Title = "Voxel conventions"), Description(
        "The coordinate, colour and editing conventions of the goxel tools, to read before using them.")]
    public static string VoxelConventions() => Conventions;
}
