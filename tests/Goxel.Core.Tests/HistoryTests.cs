using Goxel.Core;

namespace Goxel.Core.Tests;

/// <summary>Undo and redo against a list of plain dictionary copies of every state.</summary>
public sealed class HistoryTests
{
    private static Dictionary<(int Layer, Int3 Cell), Rgba> Contents(Project project) =>
        project.Layers.SelectMany(l => l.Volume.Cast().Select(v => ((l.Id, v.Position), v.Color))).ToDictionary(e => e.Item1, e => e.Item2);

    private static string Layout(Project project) =>
        string.Join(";", project.Layers.Select(l => $"{l.Id}:{l.Name}:{l.Visible}")) + $"|{project.ActiveLayer.Id}";

    private static void RandomEdit(Random rng, Project project)
    {
        var volume = project.ActiveLayer.Volume;
        switch (rng.Next(8))
        {
            case 0:
                project.AddLayer($"L{rng.Next(100)}");
                break;
            case 1 when project.Layers.Count > 1:
                project.RemoveLayer(project.Layers[rng.Next(project.Layers.Count)]);
                break;
            case 2:
                project.ActiveLayer.Visible = !project.ActiveLayer.Visible;
                break;
            case 3:
                var corner = new Int3(rng.Next(-40, 40), rng.Next(-40, 40), rng.Next(-40, 40));
                volume.FillBox(VoxelBox.FromCorners(corner, new Int3(corner.X + rng.Next(-20, 20), corner.Y + rng.Next(-20, 20), corner.Z + rng.Next(-20, 20))),
                    rng.Next(4) == 0 ? Rgba.Empty : new Rgba((byte)rng.Next(256), 1, 2, 255));
                break;
            default:
                for (var i = rng.Next(1, 30); i > 0; i--)
                    volume.Set(rng.Next(-40, 40), rng.Next(-40, 40), rng.Next(-40, 40), rng.Next(5) == 0 ? Rgba.Empty : new Rgba(3, (byte)rng.Next(256), 4, 255));
                break;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void UndoAndRedoWalkBackAndForthThroughEveryState(int seed)
    {
        var rng = new Random(seed);
        var project = new Project("h");
        var states = new List<(Dictionary<(int, Int3), Rgba> Cells, string Layout)> { (Contents(project), Layout(project)) };
        var position = 0;
        var snapshots = new List<(Project Snapshot, Dictionary<(int, Int3), Rgba> Cells)>();
        for (var round = 0; round < 300; round++)
        {
            // Snapshots (as renders take) must never see later edits, undos or redos.
            if (rng.Next(10) == 0) snapshots.Add((project.Snapshot(), Contents(project)));
            var action = rng.Next(10);
            if (action < 2 && project.History.Undo(project)) position--;
            else if (action < 3 && project.History.Redo(project)) position++;
            else if (action >= 3)
            {
                project.History.Begin(project);
                RandomEdit(rng, project);
                if (project.History.Commit(project))
                {
                    states.RemoveRange(position + 1, states.Count - position - 1);
                    states.Add((Contents(project), Layout(project)));
                    position++;
                }
            }
            Assert.Equal(states[position].Layout, Layout(project));
            Assert.Equal(states[position].Cells, Contents(project));
            Assert.Equal(states[position].Cells.Count, project.VoxelCount);
        }
        foreach (var (snapshot, cells) in snapshots) Assert.Equal(cells, Contents(snapshot));
        while (project.History.Undo(project)) position--;
        Assert.Equal(0, position);
        Assert.Empty(Contents(project));
    }

    [Fact]
    public void AbortPutsEverythingBack()
    {
        var project = new Project("a");
        project.ActiveLayer.Volume.Set(1, 1, 1, Rgba.White);
        project.History.Begin(project);
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(40, 40, 40)), new Rgba(9, 9, 9, 255));
        project.AddLayer("extra");
        project.History.Abort(project);
        Assert.Single(project.Layers);
        Assert.Equal(1, project.VoxelCount);
        Assert.Equal(Rgba.White, project.ActiveLayer.Volume.Get(1, 1, 1));
        Assert.Equal(0, project.History.UndoCount);
    }

    [Fact]
    public void EditThatChangesNothingLeavesNoStep()
    {
        var project = new Project("n");
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(5, 5, 5, Rgba.Empty);
        Assert.False(project.History.Commit(project));
        Assert.Equal(0, project.History.UndoCount);
    }

    [Fact]
    public void OldestStepsAreDroppedPastTheBudget()
    {
        var project = new Project("b");
        project.History.BudgetBytes = 100_000;
        for (var x = 0; x < 1000; x++) project.ActiveLayer.Volume.Set(x, 0, 0, Rgba.White);
        for (var i = 0; i < 50; i++)
        {
            // Each step recolours 1,000 existing cells, which it must remember one by one.
            project.History.Begin(project);
            for (var x = 0; x < 1000; x++) project.ActiveLayer.Volume.Set(x, 0, 0, new Rgba((byte)i, 0, 0, 255));
            project.History.Commit(project);
        }
        Assert.InRange(project.History.MemoryBytes, 1, 100_000);
        Assert.InRange(project.History.UndoCount, 1, 49);
    }

    [Fact]
    public void OneVoxelEditCostsOneSmallEntry()
    {
        var project = new Project("small");
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(15, 15, 15)), Rgba.White);
        project.ActiveLayer.Volume.Set(3, 3, 3, new Rgba(1, 1, 1, 255));
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(4, 4, 4, new Rgba(2, 2, 2, 255));
        project.History.Commit(project);
        Assert.InRange(project.History.MemoryBytes, 1, 1024);
    }

    [Fact]
    public void SnapshotTakenBeforeAnUndoKeepsItsContents()
    {
        var project = new Project("s");
        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(2, 2, 2, Rgba.White);
        project.History.Commit(project);
        var snapshot = project.Snapshot();
        project.History.Undo(project);
        Assert.Equal(0, project.VoxelCount);
        Assert.Equal(Rgba.White, snapshot.ActiveLayer.Volume.Get(2, 2, 2));
    }

    [Fact]
    public void TrimOldestDropsTheOldestStepsAndKeepsTheBytesRight()
    {
        var project = new Project("trim");
        for (var i = 0; i < 10; i++)
        {
            project.History.Begin(project);
            for (var x = 0; x < 100; x++) project.ActiveLayer.Volume.Set(x, i, 0, Rgba.White);
            project.History.Commit(project);
        }
        project.History.Undo(project);
        var before = project.History.MemoryBytes;
        var (steps, freed) = project.History.TrimOldest(before / 3);
        Assert.InRange(steps, 1, 8);
        Assert.InRange(freed, before / 3, before);
        Assert.Equal(before - freed, project.History.MemoryBytes);
        Assert.Equal(9 - steps, project.History.UndoCount);
        Assert.Equal(1, project.History.RedoCount);

        // The newest steps still undo: row 8 goes, row 0 (its step dropped) stays.
        Assert.True(project.History.Undo(project));
        Assert.Equal(Rgba.Empty, project.ActiveLayer.Volume.Get(0, 8, 0));
        Assert.Equal(Rgba.White, project.ActiveLayer.Volume.Get(0, 0, 0));

        Assert.Equal(8 - steps, project.History.TrimOldest(long.MaxValue).Steps);
        // The two redo steps stay, and their bytes are counted: they keep their entries alive.
        Assert.Equal((0, 2), (project.History.UndoCount, project.History.RedoCount));
        Assert.InRange(project.History.MemoryBytes, 1, before);
        Assert.True(project.History.Redo(project));
        Assert.Equal(Rgba.White, project.ActiveLayer.Volume.Get(0, 8, 0));
    }

    [Fact]
    public void VersionMovesWithEveryCommittedChangeAndSnapshotsKeepIt()
    {
        var project = new Project("v");
        var created = project.Version;
        Assert.NotEqual(created, new Project("w").Version);
        project.History.Begin(project);
        project.History.Commit(project);
        Assert.Equal(created, project.Version);

        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(1, 2, 3, Rgba.White);
        project.History.Commit(project);
        var edited = project.Version;
        Assert.NotEqual(created, edited);
        Assert.Equal(edited, project.Snapshot().Version);

        project.History.Begin(project);
        project.ActiveLayer.Volume.Set(1, 2, 4, Rgba.White);
        project.History.Abort(project);
        Assert.Equal(edited, project.Version);

        project.History.Undo(project);
        var undone = project.Version;
        project.History.Redo(project);
        Assert.Equal(4, new[] { created, edited, undone, project.Version }.Distinct().Count());
    }
}
