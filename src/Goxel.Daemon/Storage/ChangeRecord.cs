using Goxel.Core;

namespace Goxel.Daemon.Storage;

/// <summary>
/// Encodes a project's layout and a committed change (the cells an undo step wrote, as they are
/// now) into a journal record, and applies such a record to a project being recovered. Layers
/// are named by id; a layer new to the project (created, imported, or brought back by undo) is
/// written whole. A block written whole is stored as its non-empty cells, or as one colour when
/// uniform. A change that keeps the layout the journal recorded last is a
/// <see cref="RecordKind.Cells"/> record, without the layout. Writing allocates nothing for a
/// change of single cells (it runs on every edit).
/// </summary>
internal static class ChangeRecord
{
    private const byte CellsTag = 1;
    private const byte BlockTag = 2;
    private const byte UniformBlockTag = 3;

    // A layout's layer flags: 1 visible, 2 new to the project, 4 a layer colour (RGBA word) follows.
    private const byte ColorFlag = 4;

    // A set grown past this by one big change is dropped rather than kept for the next.
    private const int BlocksKept = 1024;

    // The blocks a change wrote whole, gathered per layer; kept per thread between changes (a
    // new set per change was most of what a journaled edit that creates a block allocated).
    [ThreadStatic] private static HashSet<Int3>? t_blocks;

    /// <summary>Writes the layout: name, image box, active layer, and each layer's id, name, visibility, whether it is new, and its colour.</summary>
    public static void WriteLayout(RecordWriter record, Project project, ProjectLayout? before)
    {
        record.Text(project.Name);
        WriteBox(record, project.ImageBox);
        record.Signed(project.ActiveLayer.Id);
        var layers = project.Layers;
        record.Unsigned((ulong)layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            record.Signed(layer.Id);
            record.Text(layer.Name);
            record.Byte((byte)((layer.Visible ? 1 : 0) | (before is not null && IsNew(layer, before) ? 2 : 0) | (layer.Color is null ? 0 : ColorFlag)));
            if (layer.Color is { } color) record.Word(color.Packed);
        }
    }

    /// <summary>
    /// Begins and writes the record of a committed change: <see cref="RecordKind.Cells"/> when
    /// <paramref name="layoutRecorded"/> (the journal's last layout is the project's) and the
    /// change brought no layer in, else <see cref="RecordKind.Change"/> with the layout. True when
    /// the record carries the layout (to be remembered once it is appended).
    /// </summary>
    public static bool WriteChange(RecordWriter record, Project project, HistoryChange change, bool layoutRecorded) =>
        !(layoutRecorded && TryWriteSingleCell(record, project, change)) && WriteAnyChange(record, project, change, layoutRecorded);

    // Any change: the layers it brought in whole, then per layer the blocks it wrote whole and its cells.
    private static bool WriteAnyChange(RecordWriter record, Project project, HistoryChange change, bool layoutRecorded)
    {
        var before = change.Before;
        var bringsLayer = !change.LayoutKept && BringsLayer(project, before);
        var withLayout = !layoutRecorded || bringsLayer;
        record.Begin(withLayout ? RecordKind.Change : RecordKind.Cells);
        if (withLayout) WriteLayout(record, project, before);
        var layers = project.Layers;
        HashSet<Int3>? blocks = null;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (bringsLayer && IsNew(layer, before))
            {
                record.Signed(layer.Id);
                WriteWhole(record, layer.Volume);
                continue;
            }
            var places = change.Places(layer);
            if (places.IsEmpty) continue;
            // Two walks, so cells need no list: the first counts them and gathers the blocks
            // written whole (a place may repeat), the second writes the cells.
            var cells = 0;
            blocks?.Clear();
            foreach (var (key, cell) in places)
            {
                if (cell >= 0) cells++;
                else (blocks ??= ReusedBlocks()).Add(key);
            }
            record.Signed(layer.Id);
            record.Unsigned((ulong)((blocks?.Count ?? 0) + (cells > 0 ? 1 : 0)));
            if (blocks is not null)
                foreach (var key in blocks) WriteBlock(record, layer.Volume, key);
            if (cells == 0) continue;
            record.Byte(CellsTag);
            record.Unsigned((ulong)cells);
            foreach (var (key, cell) in places)
                if (cell >= 0) WriteCell(record, layer.Volume, key, cell);
        }
        if (blocks is { Count: > BlocksKept }) t_blocks = null;
        return withLayout;
    }

    // One cell of one layer (most edits), the layout unchanged: the Cells record written straight,
    // without walking the layers and their places (the journal's share of an add_voxel).
    private static bool TryWriteSingleCell(RecordWriter record, Project project, HistoryChange change)
    {
        if (!change.LayoutKept || !change.IsSingleCell(out var volume, out var key, out var cell) || LayerOf(project, volume) is not { } layer) return false;
        var (x, y, z) = Block.Position(BlockMin(key), cell);
        record.Begin(RecordKind.Cells);
        record.LayerCell(layer.Id, CellsTag, x, y, z, volume.PackedAt(key, cell));
        return true;
    }

    private static Layer? LayerOf(Project project, Volume volume)
    {
        var layers = project.Layers;
        for (var i = 0; i < layers.Count; i++)
            if (ReferenceEquals(layers[i].Volume, volume)) return layers[i];
        return null;
    }

    // A cell written: its position and its colour now.
    private static void WriteCell(RecordWriter record, Volume volume, Int3 key, int cell)
    {
        var (x, y, z) = Block.Position(BlockMin(key), cell);
        record.Cell(x, y, z, volume.PackedAt(key, cell));
    }

    private static HashSet<Int3> ReusedBlocks()
    {
        var blocks = t_blocks ??= [];
        blocks.Clear();
        return blocks;
    }

    /// <summary>Writes every block of a volume (a layer new to the project).</summary>
    private static void WriteWhole(RecordWriter record, Volume volume)
    {
        var keys = volume.Blocks.Keys.ToList();
        record.Unsigned((ulong)keys.Count);
        foreach (var key in keys) WriteBlock(record, volume, key);
    }

    private static void WriteBlock(RecordWriter record, Volume volume, Int3 key)
    {
        // The block itself, by key: Volume.Within walks every block of the volume, which made
        // a change of many blocks quadratic (20,000 new blocks took seconds).
        var block = volume.Blocks.GetValueOrDefault(key);
        var count = block?.VoxelCount ?? 0;
        if (count == Block.CellCount && OneColor(block!) is { } color)
        {
            record.Byte(UniformBlockTag);
            WriteKey(record, key);
            record.Word(color);
            return;
        }
        record.Byte(BlockTag);
        WriteKey(record, key);
        record.Unsigned((ulong)count);
        // Voxel by voxel: a block a single add_voxel created holds one, and copying out its 4,096
        // cells to find it was most of the journal's time per edit.
        if (block is null) return;
        for (var index = block.NextVoxel(0, out var value); index >= 0; index = block.NextVoxel(index + 1, out value))
        {
            record.Unsigned((ulong)index);
            record.Word(value);
        }
    }

    // The colour of a full block whose cells all hold it, else null.
    private static uint? OneColor(Block block)
    {
        if (block.IsUniform) return block.UniformColor.Packed;
        Span<uint> cells = stackalloc uint[Block.CellCount];
        block.CopyTo(cells);
        return cells.ContainsAnyExcept(cells[0]) ? null : cells[0];
    }

    /// <summary>Reads a layout and lays it on <paramref name="project"/>: layers by id, new ones empty.</summary>
    public static void ApplyLayout(ref RecordReader record, Project project)
    {
        var name = record.Text();
        var box = ReadBox(ref record);
        var active = record.Int();
        var count = record.Count();
        var layers = new (int Id, string Name, byte Flags, uint? Color)[count];
        for (var i = 0; i < count; i++)
        {
            var (id, layerName, flags) = (record.Int(), record.Text(), record.Byte());
            layers[i] = (id, layerName, flags, (flags & ColorFlag) != 0 ? (uint?)record.Word() : null);
        }
        if (count == 0) throw new InvalidDataException("a layout without layers");
        // Most records leave the layout as it was: replaying them must cost no allocation of a layout.
        if (Matches(project, name, box, active, layers)) return;
        var entries = new List<LayerEntry>(count);
        Layer? activeLayer = null;
        foreach (var (id, layerName, flags, color) in layers)
        {
            var layer = (flags & 2) == 0 && project.FindLayer(id) is { } existing ? existing : new Layer(id, layerName);
            layer.Color = color is { } packed ? Rgba.FromPacked(packed) : null;
            entries.Add(new LayerEntry(layer, layerName, (flags & 1) != 0));
            if (id == active) activeLayer = layer;
        }
        project.RestoreLayout(new ProjectLayout(name, entries, activeLayer ?? entries[^1].Layer, box));
    }

    private static bool Matches(Project project, string name, VoxelBox box, int active, (int Id, string Name, byte Flags, uint? Color)[] layers)
    {
        if (project.Name != name || project.ImageBox != box || project.ActiveLayer.Id != active || project.Layers.Count != layers.Length) return false;
        for (var i = 0; i < layers.Length; i++)
        {
            var (id, layerName, flags, color) = layers[i];
            var layer = project.Layers[i];
            if ((flags & 2) != 0 || layer.Id != id || layer.Name != layerName || layer.Visible != ((flags & 1) != 0) || layer.Color?.Packed != color) return false;
        }
        return true;
    }

    /// <summary>Applies a change record's body (after its kind byte) to <paramref name="project"/>.</summary>
    public static void ApplyChange(ref RecordReader record, Project project)
    {
        ApplyLayout(ref record, project);
        ApplyCells(ref record, project);
    }

    /// <summary>Applies the cells of a change (a <see cref="RecordKind.Cells"/> record's body, or a change record's after its layout).</summary>
    public static void ApplyCells(ref RecordReader record, Project project)
    {
        var positions = new List<int>();
        var colors = new List<uint>();
        while (!record.AtEnd)
        {
            var id = record.Int();
            var volume = (project.FindLayer(id) ?? throw new InvalidDataException($"no layer {id}")).Volume;
            var parts = record.Count();
            for (var i = 0; i < parts; i++)
            {
                var tag = record.Byte();
                if (tag == CellsTag)
                {
                    var cells = record.Count();
                    for (var c = 0; c < cells; c++)
                        volume.Set(record.Int(), record.Int(), record.Int(), Rgba.FromPacked(record.Word()));
                    continue;
                }
                var key = ReadKey(ref record);
                var box = BlockBox(key);
                if (tag == UniformBlockTag)
                {
                    volume.FillBox(box, Rgba.FromPacked(record.Word()));
                    continue;
                }
                if (tag != BlockTag) throw new InvalidDataException($"unknown part {tag}");
                volume.FillBox(box, Rgba.Empty);
                var count = record.Count();
                positions.Clear();
                colors.Clear();
                for (var c = 0; c < count; c++)
                {
                    var (x, y, z) = Block.Position(box.Min, (int)record.Unsigned());
                    positions.Add(x);
                    positions.Add(y);
                    positions.Add(z);
                    colors.Add(record.Word());
                }
                volume.SetMany(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(positions), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(colors));
            }
        }
    }

    private static bool IsNew(Layer layer, ProjectLayout before)
    {
        var entries = before.Layers;
        for (var i = 0; i < entries.Count; i++)
            if (ReferenceEquals(entries[i].Layer, layer)) return false;
        return true;
    }

    private static bool BringsLayer(Project project, ProjectLayout before)
    {
        var layers = project.Layers;
        for (var i = 0; i < layers.Count; i++)
            if (IsNew(layers[i], before)) return true;
        return false;
    }

    private static VoxelBox BlockBox(Int3 key)
    {
        var min = BlockMin(key);
        return new VoxelBox(min, new Int3(min.X + Block.Mask, min.Y + Block.Mask, min.Z + Block.Mask));
    }

    private static Int3 BlockMin(Int3 key) => new(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift);

    private static void WriteKey(RecordWriter record, Int3 key)
    {
        record.Signed(key.X);
        record.Signed(key.Y);
        record.Signed(key.Z);
    }

    private static Int3 ReadKey(ref RecordReader record) => new(record.Int(), record.Int(), record.Int());

    private static void WriteBox(RecordWriter record, VoxelBox box)
    {
        WriteKey(record, box.Min);
        WriteKey(record, box.Max);
    }

    private static VoxelBox ReadBox(ref RecordReader record) => new(ReadKey(ref record), ReadKey(ref record));
}
