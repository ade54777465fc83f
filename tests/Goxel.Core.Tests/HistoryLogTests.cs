using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>
/// The compact history against a model: random steps over two layers (interleaved writes,
/// batches rebuilding whole blocks, fills, layer operations), aborts, undo, redo, new edits after
/// undo, a small budget and trims; what a change shows the journal; and what a step costs.
/// </summary>
public sealed class HistoryLogTests
{
    private static Dictionary<(int Layer, Int3 Cell), Rgba> Contents(Project project) =>
        project.Layers.SelectMany(l => l.Volume.Cast().Select(v => ((l.Id, v.Position), v.Color))).ToDictionary(e => e.Item1, e => e.Item2);

    private static string Layout(Project project) =>
        string.Join(";", project.Layers.Select(l => $"{l.Id}:{l.Name}:{l.Visible}")) + $"|{project.ActiveLayer.Id}";

    private static Rgba Color(Random rng) => rng.Next(5) == 0 ? Rgba.Empty : new Rgba((byte)rng.Next(1, 4), (byte)rng.Next(256), 7, 255);

    private static void RandomEdit(Random rng, Project project)
    {
        var layers = project.Layers;
        switch (rng.Next(10))
        {
            case 0:
                project.AddLayer($"L{rng.Next(100)}");
                break;
            case 1 when layers.Count > 1:
                project.RemoveLayer(layers[rng.Next(layers.Count)]);
                break;
            case 2:
                layers[rng.Next(layers.Count)].Name = $"N{rng.Next(100)}";
                break;
            case 3:
                // A batch: blocks taking 256 or more writes are rebuilt whole (block-level entries).
                var count = rng.Next(2) == 0 ? 40 : 1500;
                var positions = new int[count * 3];
                var colors = new uint[count];
                for (var i = 0; i < count; i++)
                {
                    (positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]) = (rng.Next(-8, 8), rng.Next(-8, 8), rng.Next(-8, 8));
                    colors[i] = Color(rng).Packed;
                }
                layers[rng.Next(layers.Count)].Volume.SetMany(positions, colors);
                break;
            case 4:
                var corner = new Int3(rng.Next(-30, 30), rng.Next(-30, 30), rng.Next(-30, 30));
                layers[rng.Next(layers.Count)].Volume.FillBox(
                    VoxelBox.FromCorners(corner, new Int3(corner.X + rng.Next(-20, 20), corner.Y + rng.Next(-20, 20), corner.Z + rng.Next(-20, 20))), Color(rng));
                break;
            case 5:
                layers[rng.Next(layers.Count)].Volume.Clear();
                break;
            default:
                // Single cells, alternating between layers inside one step.
                for (var i = rng.Next(1, 20); i > 0; i--)
                    layers[rng.Next(layers.Count)].Volume.Set(rng.Next(-30, 30), rng.Next(-30, 30), rng.Next(-30, 30), Color(rng));
                break;
        }
    }

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(2, 0L)]
    [InlineData(3, 60_000L)]
    [InlineData(4, 200_000L)]
    public void RandomStepsUndoRedoAbortsAndTrimsMatchTheModel(int seed, long budget)
    {
        var rng = new Random(seed);
        var project = new Project("log");
        project.AddLayer("second");
        if (budget > 0) project.History.BudgetBytes = budget;
        var states = new List<(Dictionary<(int, Int3), Rgba> Cells, string Layout)> { (Contents(project), Layout(project)) };
        var position = 0;
        for (var round = 0; round < 400; round++)
        {
            var action = rng.Next(20);
            var history = project.History;
            if (action < 4 && history.Undo(project)) position--;
            else if (action < 6 && history.Redo(project)) position++;
            else if (action == 6)
            {
                // An aborted edit changes nothing and keeps redo.
                var redo = history.RedoCount;
                history.Begin(project);
                RandomEdit(rng, project);
                history.Abort(project);
                Assert.Equal(redo, history.RedoCount);
            }
            else if (action == 7)
            {
                var (steps, freed) = history.TrimOldest(history.MemoryBytes / 4 + 1);
                Assert.True(steps > 0 || history.UndoCount == 0);
                Assert.True(freed >= 0);
            }
            else if (action >= 8)
            {
                var before = Contents(project);
                var beforeLayers = project.Layers.ToList();
                var shown = new Dictionary<int, List<(Int3 Block, int Cell)>>();
                history.Begin(project);
                RandomEdit(rng, project);
                var committed = history.Commit(project, change =>
                {
                    foreach (var layer in project.Layers)
                    {
                        var places = new List<(Int3, int)>();
                        foreach (var place in change.Places(layer)) places.Add(place);
                        Assert.Equal(places.Count == 0, change.Places(layer).IsEmpty);
                        if (places.Count > 0) shown[layer.Id] = places;
                    }
                });
                if (committed)
                {
                    states.RemoveRange(position + 1, states.Count - position - 1);
                    states.Add((Contents(project), Layout(project)));
                    position++;
                    AssertShown(before, states[position].Cells, beforeLayers, project, shown);
                }
            }
            var name = $"seed {seed} round {round}";
            Assert.True(states[position].Layout == Layout(project), name);
            Assert.True(states[position].Cells.Count == project.VoxelCount, name);
            Assert.Equal(states[position].Cells, Contents(project));
            // Trimmed steps are gone for good: undo reaches back no further than the budget allows.
            Assert.InRange(position - project.History.UndoCount, 0, position);
            if (budget > 0) Assert.InRange(project.History.MemoryBytes, 0, budget + RedoAllowance(project));
        }
        while (project.History.Undo(project)) position--;
        Assert.Equal(states[position].Cells, Contents(project));
        while (project.History.Redo(project)) position++;
        Assert.Equal(states[^1].Cells, Contents(project));
        project.History.TrimOldest(long.MaxValue);
        Assert.Equal((0, 0, 0L), (project.History.UndoCount, project.History.RedoCount, project.History.MemoryBytes));
    }

    // Undo can make a step's blocks heavier (the blocks it removes come back into the history),
    // so redo steps may pass the budget until the next commit drops them.
    private static long RedoAllowance(Project project) => project.History.RedoCount == 0 ? 0 : long.MaxValue / 2;

    /// <summary>Every cell that changed in a layer that existed before is at a place the change showed.</summary>
    private static void AssertShown(Dictionary<(int Layer, Int3 Cell), Rgba> before, Dictionary<(int Layer, Int3 Cell), Rgba> after,
        List<Layer> beforeLayers, Project project, Dictionary<int, List<(Int3 Block, int Cell)>> shown)
    {
        foreach (var layer in project.Layers.Where(beforeLayers.Contains))
        {
            var places = shown.GetValueOrDefault(layer.Id) ?? [];
            var cells = places.Where(p => p.Cell >= 0).ToHashSet();
            var blocks = places.Where(p => p.Cell < 0).Select(p => p.Block).ToHashSet();
            var keys = before.Keys.Concat(after.Keys).Where(k => k.Layer == layer.Id).Select(k => k.Cell).Distinct();
            foreach (var cell in keys)
            {
                if (before.GetValueOrDefault((layer.Id, cell)) == after.GetValueOrDefault((layer.Id, cell))) continue;
                var key = Volume.BlockOf(cell.X, cell.Y, cell.Z);
                Assert.True(blocks.Contains(key) || cells.Contains((key, Block.Index(cell.X & Block.Mask, cell.Y & Block.Mask, cell.Z & Block.Mask))),
                    $"layer {layer.Id}: {cell} changed but was not shown");
            }
        }
    }

    [Fact]
    public void AOneVoxelEditAllocatesOnlyItsShareOfTheLogs()
    {
        var project = new Project("small");
        var volume = project.ActiveLayer.Volume;
        volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(63, 63, 15)), Rgba.White);
        void Edit(int i)
        {
            project.History.Begin(project);
            // Cell i mod 4,096, a colour it did not have before: every edit is a step.
            volume.Set(i & 63, (i >> 6) & 63, 3, new Rgba((byte)(i >> 12), (byte)i, 3, 255));
            project.History.Commit(project);
        }
        for (var i = 0; i < 5000; i++) Edit(i);
        const int steps = 100_000;
        var bytes = project.History.MemoryBytes;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < steps; i++) Edit(i);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var perStep = (project.History.MemoryBytes - bytes) / (double)steps;
        // A step's struct entries (step, run, cell change) and nothing else: no object per step, no layout.
        Assert.InRange(perStep, 40, 120);
        Assert.InRange(allocated / (double)steps, 0, perStep * 1.25);
    }

    [Fact]
    public void AStepThatAddsALayerCountsItsLayoutAndSharesItAfterwards()
    {
        var project = new Project("layouts");
        project.History.Begin(project);
        project.AddLayer("more");
        project.History.Commit(project);
        var withLayout = project.History.MemoryBytes;
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(1, 1, 1, Rgba.White);
        project.History.Commit(project);
        var cellStep = project.History.MemoryBytes - withLayout;
        Assert.True(withLayout > cellStep, $"layout step {withLayout} bytes, cell step {cellStep}");
        Assert.True(project.History.Undo(project));
        Assert.True(project.History.Undo(project));
        Assert.Single(project.Layers);
        Assert.True(project.History.Redo(project));
        Assert.True(project.History.Redo(project));
        Assert.Equal(2, project.Layers.Count);
        Assert.Equal(Rgba.White, project.ActiveLayer.Volume.Get(1, 1, 1));
    }

    [Fact]
    public void UndoAndRedoCountTheBlocksTheyHold()
    {
        var project = new Project("blocks");
        project.History.Begin(project);
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(15, 15, 15)), Rgba.White);
        project.History.Commit(project);
        // The step holds "no block here": a few bytes. Undone, it holds the uniform block it removed.
        var done = project.History.MemoryBytes;
        project.History.Undo(project);
        var undone = project.History.MemoryBytes;
        Assert.True(undone > done, $"{undone} after undo, {done} before");
        project.History.Redo(project);
        Assert.Equal(done, project.History.MemoryBytes);
    }
}
