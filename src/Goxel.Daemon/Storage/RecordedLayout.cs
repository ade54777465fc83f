using Goxel.Core;

namespace Goxel.Daemon.Storage;

/// <summary>
/// The layout a journal's last base or change record carried (name, image box, active layer and
/// each layer's id, name, visibility and colour), so that an edit leaving it as it is can be
/// journaled as a <see cref="RecordKind.Cells"/> record without it: most edits, and encoding the
/// layout was a third of the journal's time per single-voxel edit. Kept by value, not by
/// reference: a project read back after paging out has new layer objects but the same layout.
/// Unknown (matching nothing) until the first <see cref="Remember"/>.
/// </summary>
internal sealed class RecordedLayout
{
    private string? _name;
    private VoxelBox _box;
    private int _active;
    private (int Id, string Name, bool Visible, uint? Color)[] _layers = [];

    // That a project had the recorded layout as of a count of layout edits (LayoutEdits).
    private LayoutCheck _check;

    /// <summary>True when <paramref name="project"/>'s layout is the recorded one.</summary>
    public bool Matches(Project project)
    {
        if (_check.Holds(project)) return true;
        var now = LayoutEdits.Count;
        if (!Compare(project)) return false;
        _check.Confirm(project, now);
        return true;
    }

    private bool Compare(Project project)
    {
        var layers = project.Layers;
        if (_name is null || _name != project.Name || _box != project.ImageBox || _active != project.ActiveLayer.Id || _layers.Length != layers.Count)
            return false;
        for (var i = 0; i < _layers.Length; i++)
        {
            var layer = layers[i];
            var (id, name, visible, color) = _layers[i];
            if (id != layer.Id || name != layer.Name || visible != layer.Visible || color != layer.Color?.Packed) return false;
        }
        return true;
    }

    /// <summary>Records <paramref name="project"/>'s layout, once a record carrying it is in the journal.</summary>
    public void Remember(Project project)
    {
        _check.Confirm(project, LayoutEdits.Count);
        var layers = project.Layers;
        if (_layers.Length != layers.Count) _layers = new (int, string, bool, uint?)[layers.Count];
        for (var i = 0; i < _layers.Length; i++)
        {
            var layer = layers[i];
            _layers[i] = (layer.Id, layer.Name, layer.Visible, layer.Color?.Packed);
        }
        (_name, _box, _active) = (project.Name, project.ImageBox, project.ActiveLayer.Id);
    }
}
