using System.Buffers.Binary;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Qubicle;

/// <summary>
/// Qubicle binary .qb: one matrix per layer. Reads both colour orders, both handednesses,
/// compressed or not; writes upstream's layout (version 1.1, RGBA, right-handed, uncompressed),
/// every non-empty layer including hidden ones. Qubicle is Y-up: right-handed (x, y, z) is
/// Goxel (x, z, y), left-handed is Goxel (x, -z, y).
/// </summary>
public sealed class QubicleFormat : VoxelFormat
{
    private const uint CodeFlag = 2;
    private const uint NextSliceFlag = 6;

    /// <inheritdoc/>
    public override string Name => "qubicle";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Aliases => ["qb"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".qb"];

    /// <inheritdoc/>
    public override string Description => "Qubicle binary (one matrix per layer)";

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool Flattens => false;

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file)
    {
        var reader = new ByteReader(data, file);
        if (data.Length < 24) throw VoxelFileException.Corrupt(file, $"too short for a Qubicle header ({data.Length} bytes)");
        var version = reader.ReadUInt32();
        if (version is not (0x101 or 0x20103 or 0x10101 or 0x100)) throw VoxelFileException.Corrupt(file, $"not a Qubicle file (version 0x{version:x})");
        var bgra = reader.ReadUInt32() == 1;
        var rightHanded = reader.ReadUInt32() == 1;
        var compressed = reader.ReadUInt32() != 0;
        reader.ReadUInt32(); // visibility-mask encoding: alpha is only tested against 0
        var count = reader.ReadUInt32();
        if (count > reader.Remaining / 25) throw reader.Fail($"matrix count {count} does not fit in the file");
        Limits.CheckLayers(file, (int)Math.Min(count, int.MaxValue));

        var layers = new List<Layer>();
        long blocksBefore = 0;
        for (var m = 0; m < count; m++)
        {
            var name = Encoding.UTF8.GetString(reader.Take(reader.ReadByte()));
            long sx = reader.ReadUInt32(), sy = reader.ReadUInt32(), sz = reader.ReadUInt32();
            int px = reader.ReadInt32(), py = reader.ReadInt32(), pz = reader.ReadInt32();
            Limits.CheckGrid(reader, $"matrix '{name}'", sx, sy, sz);
            if (Math.Abs((long)px) > 1 << 28 || Math.Abs((long)py) > 1 << 28 || Math.Abs((long)pz) > 1 << 28) throw reader.Fail($"matrix '{name}' position is out of range");
            var layer = new Layer(layers.Count + 1, name.Length > 0 ? name : $"Layer {layers.Count + 1}");
            var volume = layer.Volume;
            void Put(long index, uint word)
            {
                var c = Rgba.FromPacked(word);
                if (c.A == 0) return;
                c = bgra ? new Rgba(c.B, c.G, c.R, 255) : c with { A = 255 };
                int x = (int)(index % sx), y = (int)(index / sx % sy), z = (int)(index / (sx * sy));
                var (gx, gy, gz) = rightHanded ? (px + x, pz + z, py + y) : (px + x, -(pz + z), py + y);
                volume.Set(gx, gy, gz, c);
            }
            if (!compressed)
            {
                var cells = sx * sy * sz;
                if (cells * 4 > reader.Remaining) throw reader.Fail($"matrix '{name}' needs {cells * 4} bytes of voxels, {reader.Remaining} are left");
                for (long i = 0; i < cells; i++) Put(i, reader.ReadUInt32());
            }
            else
            {
                var slice = sx * sy;
                for (long z = 0; z < sz; z++)
                {
                    long index = 0;
                    while (true)
                    {
                        var word = reader.ReadUInt32();
                        if (word == NextSliceFlag) break;
                        long run = 1;
                        if (word == CodeFlag)
                        {
                            run = reader.ReadUInt32();
                            word = reader.ReadUInt32();
                        }
                        if (index + run > slice) throw reader.Fail($"matrix '{name}' run overflows slice {z}");
                        for (long j = 0; j < run; j++) Put(z * slice + index++, word);
                    }
                    Limits.CheckBlocks(file, blocksBefore + volume.BlockCount);
                }
            }
            Limits.CheckBlocks(file, blocksBefore + volume.BlockCount);
            blocksBefore += volume.BlockCount;
            layers.Add(layer);
        }
        if (layers.Count == 0) layers.Add(new Layer(1, "Layer 1"));
        return Project.FromLayers(Path.GetFileNameWithoutExtension(file), layers, layers[^1], Project.Bounds(layers) ?? Project.DefaultImageBox);
    }

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context)
    {
        // Matrices are dense: a layer with two voxels far apart would be billions of cells.
        foreach (var layer in project.Layers)
            if (layer.Volume.Bounds() is { } b && b.CellCount > Limits.MaxDenseCells)
                throw new VoxelFileException(VoxelFileError.Unsupported, context.Path,
                    $"layer '{layer.Name}' spans {b.Size.X}x{b.Size.Y}x{b.Size.Z} cells, too large for a Qubicle matrix");
        Write(project, output, compressed: false, rightHanded: true);
    }

    /// <summary>Writes with a choice of layout (the public format writes upstream's default).</summary>
    internal static void Write(Project project, Stream output, bool compressed, bool rightHanded)
    {
        var layers = project.Layers.Where(l => l.Volume.VoxelCount > 0).ToList();
        var word = new byte[4];
        void U32(uint v) { BinaryPrimitives.WriteUInt32LittleEndian(word, v); output.Write(word); }
        U32(0x101);
        U32(0); // RGBA
        U32(rightHanded ? 1u : 0u);
        U32(compressed ? 1u : 0u);
        U32(0);
        U32((uint)layers.Count);
        foreach (var layer in layers)
        {
            var b = layer.Volume.Bounds()!.Value;
            var name = Encoding.UTF8.GetBytes(layer.Name);
            if (name.Length > 255) name = name[..255];
            output.WriteByte((byte)name.Length);
            output.Write(name);
            var size = b.Size;
            // Qubicle axes: x = Goxel x, y = Goxel z, z = Goxel y (negated when left-handed).
            int sx = size.X, sy = size.Z, sz = size.Y;
            int px = b.Min.X, py = b.Min.Z, pz = rightHanded ? b.Min.Y : -b.Max.Y;
            U32((uint)sx); U32((uint)sy); U32((uint)sz);
            U32((uint)px); U32((uint)py); U32((uint)pz);
            var reader = layer.Volume.CreateReader();
            for (var z = 0; z < sz; z++)
            {
                uint run = 0, current = 0;
                void Flush()
                {
                    if (run == 0) return;
                    if (run > 2 || current == CodeFlag || current == NextSliceFlag) { U32(CodeFlag); U32(run); U32(current); }
                    else for (var i = 0; i < run; i++) U32(current);
                    run = 0;
                }
                for (var y = 0; y < sy; y++)
                for (var x = 0; x < sx; x++)
                {
                    var gy = rightHanded ? pz + z : -(pz + z);
                    var value = reader.GetPacked(px + x, gy, py + y);
                    if (!compressed) { U32(value); continue; }
                    if (run > 0 && value != current) Flush();
                    current = value;
                    run++;
                }
                if (compressed) { Flush(); U32(NextSliceFlag); }
            }
        }
    }
}
