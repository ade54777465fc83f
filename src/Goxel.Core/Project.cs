namespace Goxel.Core;

/// <summary>
/// A voxel document: an ordered list of layers (bottom first), the active layer that edits
/// go to by default, and the image box that frames it.
/// </summary>
public sealed class Project
{
    /// <summary>Goxel's default image box: 32^3 cells standing on z = 0.</summary>
    public static readonly VoxelBox DefaultImageBox = new(new Int3(-16, -16, 0), new Int3(15, 15, 31));

    // Versions come from one process-wide counter, so no two states of any two projects share
    // one: a project read back from disk or replayed from a journal never repeats an old number.
    private static long s_lastVersion;

    private readonly List<Layer> _layers = [];

    /// <summary>A project with one empty layer, "Layer 1" (id 1), active.</summary>
    public Project(string name)
    {
        Name = name;
        ActiveLayer = AddLayer("Layer 1");
    }

    private Project(string name, List<Layer> layers, Layer active, VoxelBox imageBox)
    {
        Name = name;
        _layers = layers;
        ActiveLayer = active;
        ImageBox = imageBox;
    }

    /// <summary>Document name.</summary>
    public string Name
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    }

    /// <summary>Layers, bottom first.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The layer edits go to when none is named.</summary>
    public Layer ActiveLayer
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    }

    /// <summary>The box that frames the document (Goxel's image box).</summary>
    public VoxelBox ImageBox
    {
        get;
        set
        {
            field = value;
            LayoutEdits.Note();
        }
    } = DefaultImageBox;

    /// <summary>Undo and redo of this project's edits.</summary>
    public History History { get; } = new();

    /// <summary>
    /// Identifies the document's content: a new value, unique in the process, after every change
    /// that <see cref="History"/> commits (layer operations included), undoes or redoes; a
    /// snapshot keeps its source's value. Caches of what a state looks like (renders) key on it,
    /// and the live viewer tells "changed since" from it. Settable so that a document read back
    /// from storage goes on from the version it had. Code that writes a project outside History
    /// (file readers, journal replay) does so before the project is shared.
    /// </summary>
    public long Version { get; set; } = Interlocked.Increment(ref s_lastVersion);

    /// <summary>When <see cref="Version"/> last advanced (creation time until then), UTC.</summary>
    public DateTime LastChange { get; set; } = DateTime.UtcNow;

    /// <summary>Gives the project a new <see cref="Version"/> and stamps <see cref="LastChange"/>: its content changed.</summary>
    public void MarkChanged()
    {
        Version = Interlocked.Increment(ref s_lastVersion);
        LastChange = CoarseClock.UtcNow;
    }

    /// <summary>Materials that layers may reference, in file order.</summary>
    public List<Material> Materials { get; private set; } = [];

    /// <summary>Saved viewpoints, in file order.</summary>
    public List<Camera> Cameras { get; private set; } = [];

    /// <summary>The camera views start from, or null for the default view.</summary>
    public Camera? ActiveCamera { get; set; }

    /// <summary>
    /// A project holding exactly these layers (ids as given; they must be unique and positive),
    /// for readers that rebuild a document from a file.
    /// </summary>
    public static Project FromLayers(string name, IReadOnlyList<Layer> layers, Layer? active, VoxelBox imageBox)
    {
        if (layers.Count == 0) throw new ArgumentException("A project needs at least one layer.", nameof(layers));
        if (layers.Select(l => l.Id).Distinct().Count() != layers.Count || layers.Any(l => l.Id <= 0))
            throw new ArgumentException("Layer ids must be unique and positive.", nameof(layers));
        var list = layers.ToList();
        return new Project(name, list, active is not null && list.Contains(active) ? active : list[^1], imageBox);
    }

    /// <summary>
    /// Appends an existing layer on top (for imports), giving it the lowest free id when its id
    /// is taken, and makes it active. Returns the layer actually added.
    /// </summary>
    public Layer AddLayer(Layer layer)
    {
        if (layer.Id <= 0 || FindLayer(layer.Id) is not null)
        {
            var id = 1;
            while (FindLayer(id) is not null) id++;
            layer = layer.WithId(id);
        }
        _layers.Add(layer);
        ActiveLayer = layer;
        return layer;
    }

    /// <summary>Total non-empty cells over all layers.</summary>
    public long VoxelCount => _layers.Sum(l => l.Volume.VoxelCount);

    /// <summary>
    /// Approximate heap bytes this project keeps alive: every layer's blocks (<see cref="Volume.MemoryBytes"/>)
    /// plus the undo history. O(layers), cheap enough to read per request.
    /// </summary>
    public long MemoryBytes => _layers.Sum(l => l.Volume.MemoryBytes) + History.MemoryBytes;

    /// <summary>Adds an empty layer on top with the lowest free positive id and makes it active.</summary>
    public Layer AddLayer(string name)
    {
        var id = 1;
        while (FindLayer(id) is not null) id++;
        var layer = new Layer(id, name);
        _layers.Add(layer);
        ActiveLayer = layer;
        return layer;
    }

    /// <summary>The layer with this id, or null.</summary>
    public Layer? FindLayer(int id) => _layers.Find(l => l.Id == id);

    /// <summary>The first layer with this name, or null.</summary>
    public Layer? FindLayer(string name) => _layers.Find(l => l.Name == name);

    /// <summary>
    /// Removes a layer. Removing the active one activates the top layer; removing the last
    /// one leaves a fresh empty layer, so a project always has one.
    /// </summary>
    public bool RemoveLayer(Layer layer)
    {
        if (!_layers.Remove(layer)) return false;
        LayoutEdits.Note();
        if (_layers.Count == 0) AddLayer("unnamed");
        else if (ReferenceEquals(ActiveLayer, layer)) ActiveLayer = _layers[^1];
        return true;
    }

    /// <summary>The exact box of the voxels of the chosen layers, or null when they are empty.</summary>
    public static VoxelBox? Bounds(IEnumerable<Layer> layers)
    {
        VoxelBox? bounds = null;
        foreach (var layer in layers)
            if (layer.Volume.Bounds() is { } b) bounds = bounds is { } u ? u.Union(b) : b;
        return bounds;
    }

    /// <summary>Lays a layer list down again, as undo does; layers keep their volumes.</summary>
    public void RestoreLayout(ProjectLayout layout)
    {
        Name = layout.Name;
        _layers.Clear();
        foreach (var entry in layout.Layers)
        {
            entry.Layer.Name = entry.Name;
            entry.Layer.Visible = entry.Visible;
            _layers.Add(entry.Layer);
        }
        ActiveLayer = layout.Active;
        ImageBox = layout.ImageBox;
    }

    /// <summary>The layer list and properties, without voxel contents.</summary>
    public ProjectLayout CaptureLayout() =>
        new(Name, _layers.Select(l => new LayerEntry(l, l.Name, l.Visible)).ToArray(), ActiveLayer, ImageBox);

    /// <summary>A copy-on-write copy of the whole document, for readers that must not see later edits.</summary>
    public Project Snapshot()
    {
        var layers = _layers.Select(l => l.Snapshot()).ToList();
        var active = layers[_layers.IndexOf(ActiveLayer)];
        return new Project(Name, layers, active, ImageBox)
        {
            Materials = [.. Materials], Cameras = [.. Cameras], ActiveCamera = ActiveCamera,
            Version = Version, LastChange = LastChange,
        };
    }
}
