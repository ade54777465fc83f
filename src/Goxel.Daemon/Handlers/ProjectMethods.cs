using Goxel.Core;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private const string DefaultProjectName = "New Project";
    private const int DefaultProjectSize = 64;

    private void RegisterProjects()
    {
        Register("goxel.create_project", (p, w) =>
        {
            var name = p.GetString(0, "name") ?? DefaultProjectName;
            var width = Size(p.GetInt(1, "width", DefaultProjectSize));
            var height = Size(p.GetInt(2, "height", DefaultProjectSize));
            var depth = Size(p.GetInt(3, "depth", DefaultProjectSize));
            // The image box is centred on x and y and stands on z = 0, as Goxel's default box.
            var min = new Int3(-(width / 2), -(height / 2), 0);
            var project = new Project(name)
            {
                ImageBox = new VoxelBox(min, new Int3(min.X + width - 1, min.Y + height - 1, depth - 1)),
            };
            var open = _projects.Add(project);
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("name", name);
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteNumber("depth", depth);
            w.WriteString("project_id", open.Id);
            w.WriteEndObject();
        });
        Register("goxel.get_status", (p, w) =>
        {
            var open = p.GetString("project_id") is { } id ? _projects.Find(id) : _projects.Current;
            w.WriteStartObject();
            w.WriteString("version", Version);
            if (open is null)
            {
                w.WriteNumber("layer_count", 0);
                w.WriteBoolean("read_only", false);
                w.WriteNumber("width", 0);
                w.WriteNumber("height", 0);
                w.WriteNumber("depth", 0);
                w.WriteNull("project_id");
            }
            else
            {
                lock (open.Gate)
                {
                    var size = open.Project.ImageBox.Size;
                    w.WriteNumber("layer_count", open.Project.Layers.Count);
                    w.WriteBoolean("read_only", false);
                    w.WriteNumber("width", size.X);
                    w.WriteNumber("height", size.Y);
                    w.WriteNumber("depth", size.Z);
                    w.WriteString("project_id", open.Id);
                    w.WriteString("name", open.Project.Name);
                }
            }
            w.WriteEndObject();
        });
    }

    private static int Size(int requested) => requested <= 0 ? DefaultProjectSize : requested;
}
