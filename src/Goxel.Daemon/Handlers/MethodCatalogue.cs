namespace Goxel.Daemon.Handlers;

/// <summary>A method's wire name and what it does.</summary>
public sealed record MethodInfo(string Name, string Description);

/// <summary>The original daemon's 34 methods in its list_methods order (spec section 3), then the ones this daemon adds.</summary>
public static class MethodCatalogue
{
    /// <summary>Diagnostics first, then the goxel.* methods, then the additions.</summary>
    public static readonly IReadOnlyList<MethodInfo> Original =
    [
        new("echo", "Return the params unchanged"),
        new("version", "Daemon version and protocol"),
        new("status", "Daemon status: pid, time, uptime, memory"),
        new("ping", "Liveness check with a timestamp"),
        new("list_methods", "List the available methods"),
        new("add_voxels", "Add many voxels to the active layer"),
        new("goxel.create_project", "Create a new project and make it current"),
        new("goxel.load_project", "Load a project file"),
        new("goxel.save_project", "Save the project to a file"),
        new("goxel.export_model", "Export the project to a model format"),
        new("goxel.get_status", "Project status: layers and size"),
        new("goxel.add_voxel", "Add one voxel"),
        new("goxel.remove_voxel", "Remove one voxel"),
        new("goxel.get_voxel", "Read one voxel"),
        new("goxel.paint_voxels", "Recolour existing voxels"),
        new("goxel.flood_fill", "Fill a connected same-colour region"),
        new("goxel.procedural_shape", "Rasterise a cube, sphere or cylinder"),
        new("goxel.batch_operations", "Run many voxel operations in one request"),
        new("goxel.list_layers", "List the layers"),
        new("goxel.create_layer", "Create a layer and make it active"),
        new("goxel.delete_layer", "Delete a layer by id or name"),
        new("goxel.merge_layers", "Blend one layer over another and delete it"),
        new("goxel.set_layer_visibility", "Show or hide a layer"),
        new("goxel.get_voxels_region", "Voxels inside a box"),
        new("goxel.get_layer_voxels", "Voxels of a layer, paged"),
        new("goxel.get_bounding_box", "Inclusive bounding box of a layer or of all layers"),
        new("goxel.get_color_histogram", "Colour histogram"),
        new("goxel.find_voxels_by_color", "Find voxels of a colour, with tolerance"),
        new("goxel.get_unique_colors", "Distinct colours"),
        new("goxel.render_scene", "Render the project to a PNG"),
        new("goxel.get_render_info", "Information about a managed render"),
        new("goxel.cleanup_render", "Delete a managed render"),
        new("goxel.list_renders", "List managed renders"),
        new("goxel.execute_script", "Run a JavaScript script against the project"),
        new("goxel.get_performance_metrics", "Uptime, connections, request latency by method, voxels, memory, renders, journal"),
    ];
}
