using Goxel.Core;
using Goxel.Daemon.Storage;

namespace Goxel.Daemon.Tests;

/// <summary>The journal's change records, byte by byte and replayed (docs/durability.md has the format).</summary>
public sealed class ChangeRecordTests
{
    [Fact]
    public void AOneVoxelEditIsACellsRecordOfOneCellThatReplays()
    {
        var project = new Project("p");
        for (var i = 0; i < 3; i++) project.AddLayer($"layer {i}");
        var layer = project.ActiveLayer;
        layer.Volume.Set(-1, 70, -300, Rgba.White);
        var replayed = project.Snapshot();
        var red = new Rgba(255, 0, 0, 255);

        var payload = Record(project, () => layer.Volume.Set(-1, 70, -300, red));

        byte[] expected =
        [
            (byte)RecordKind.Cells, (byte)(2 * layer.Id), 1, 1, 1, // layer, one part, the cells tag, one cell
            1, 140, 1, 215, 4, // -1, 70, -300 as zigzag varints
            .. BitConverter.GetBytes(red.Packed),
        ];
        Assert.Equal(expected, payload);
        var reader = new RecordReader(payload.AsSpan(1));
        ChangeRecord.ApplyCells(ref reader, replayed);
        Assert.Equal(red, replayed.ActiveLayer.Volume.Get(-1, 70, -300));
    }

    [Fact]
    public void CellsOfSeveralLayersAndNewBlocksReplayAsTheyWereWritten()
    {
        var project = new Project("p");
        var second = project.AddLayer("second");
        var first = project.Layers[0];
        first.Volume.Set(0, 0, 0, Rgba.White);
        second.Volume.Set(0, 0, 0, Rgba.White);
        var replayed = project.Snapshot();
        var green = new Rgba(0, 255, 0, 255);

        var payload = Record(project, () =>
        {
            first.Volume.Set(1, 0, 0, green);
            second.Volume.Set(2, 0, 0, green);
            second.Volume.Set(100, 100, 100, green);
        });

        Assert.Equal((byte)RecordKind.Cells, payload[0]);
        var reader = new RecordReader(payload.AsSpan(1));
        ChangeRecord.ApplyCells(ref reader, replayed);
        Assert.Equal(green, replayed.Layers[0].Volume.Get(1, 0, 0));
        Assert.Equal(green, replayed.Layers[1].Volume.Get(2, 0, 0));
        Assert.Equal(green, replayed.Layers[1].Volume.Get(100, 100, 100));
        Assert.Equal(project.Layers.Sum(l => l.Volume.VoxelCount), replayed.Layers.Sum(l => l.Volume.VoxelCount));
    }

    // The payload of the record of one committed edit, written as the journal does once its layout is recorded.
    private static byte[] Record(Project project, Action edit)
    {
        var record = new RecordWriter();
        byte[]? payload = null;
        project.History.Begin(project);
        edit();
        Assert.True(project.History.Commit(project, change =>
        {
            Assert.False(ChangeRecord.WriteChange(record, project, change, layoutRecorded: true));
            payload = record.Finish()[RecordWriter.FrameBytes..].ToArray();
        }));
        return payload!;
    }
}
