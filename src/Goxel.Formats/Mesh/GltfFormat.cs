using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json.Nodes;
using Goxel.Core;
using SharpGLTF.Schema2;

namespace Goxel.Formats.Mesh;

/// <summary>
/// glTF 2.0 through SharpGLTF.Core: one node per visible, non-empty layer, each with one
/// triangle primitive (POSITION, NORMAL, linear COLOR_0, uint32 indices) and a PBR material
/// (the layer's Goxel material, else a matte default). Y-up as glTF requires. ".gltf" embeds
/// the buffer as base64 (as upstream), ".glb" is the binary container.
/// </summary>
public sealed class GltfFormat : VoxelFormat
{
    private readonly bool _binary;

    private GltfFormat(bool binary) => _binary = binary;

    /// <summary>The JSON flavour (.gltf, buffer embedded).</summary>
    public static GltfFormat Text { get; } = new(binary: false);

    /// <summary>The binary flavour (.glb).</summary>
    public static GltfFormat Binary { get; } = new(binary: true);

    /// <inheritdoc/>
    public override string Name => _binary ? "glb" : "gltf";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => _binary ? [".glb"] : [".gltf"];

    /// <inheritdoc/>
    public override string Description => _binary ? "glTF 2.0 binary (.glb), one node per visible layer" : "glTF 2.0 (.gltf with embedded buffer), one node per visible layer";

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool Flattens => false;

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context)
    {
        var model = ModelRoot.CreateModel();
        var scene = model.UseScene("Scene");
        var defaultMaterial = (SharpGLTF.Schema2.Material?)null;
        var materials = new Dictionary<Core.Material, SharpGLTF.Schema2.Material>();
        var layers = project.Layers.Where(l => l.Visible && l.Volume.VoxelCount > 0).ToList();
        foreach (var layer in layers)
        {
            var mesh = VoxelMesh.Build(layer.Volume, context.Options.Mesh);
            if (mesh.Quads.Count == 0) continue;
            var node = scene.CreateNode(layer.Name);
            var gltfMesh = model.CreateMesh(layer.Name);
            var primitive = gltfMesh.CreatePrimitive();
            AddGeometry(model, primitive, mesh);
            primitive.Material = layer.Material is { } m
                ? (materials.TryGetValue(m, out var existing) ? existing : materials[m] = CreateMaterial(model, m.Name, m.BaseColor, m.Metallic, m.Roughness, m.Emission))
                : defaultMaterial ??= CreateMaterial(model, "voxels", Vector4.One, 0, 1, Vector3.Zero);
            node.Mesh = gltfMesh;
        }

        var settings = new WriteSettings { MergeBuffers = true, JsonIndented = false, Validation = SharpGLTF.Validation.ValidationMode.Strict };
        if (_binary)
        {
            model.WriteGLB(output, settings);
            return;
        }
        // SharpGLTF only writes binary buffers as satellite files: capture them and embed the
        // buffer as a data URI, so the .gltf is one self-contained file like upstream's.
        var files = new Dictionary<string, ArraySegment<byte>>();
        WriteContext.CreateFromDictionary(files).WithSettingsFrom(settings).WithTextSettings().WriteTextSchema2("model", model);
        var json = JsonNode.Parse(files["model.gltf"].AsSpan())!;
        if (json["buffers"] is JsonArray buffers)
            foreach (var buffer in buffers)
                if (buffer?["uri"]?.GetValue<string>() is { } uri && files.TryGetValue(uri, out var bytes))
                    buffer["uri"] = "data:application/octet-stream;base64," + Convert.ToBase64String(bytes.AsSpan());
        using var writer = new System.Text.Json.Utf8JsonWriter(output);
        json.WriteTo(writer);
    }

    private static SharpGLTF.Schema2.Material CreateMaterial(ModelRoot model, string name, Vector4 color, float metallic, float roughness, Vector3 emission)
    {
        var material = model.CreateMaterial(name);
        material.InitializePBRMetallicRoughness();
        material.DoubleSided = false;
        var baseColor = material.FindChannel("BaseColor")!.Value;
        baseColor.Color = Vector4.Clamp(color, Vector4.Zero, Vector4.One);
        var mr = material.FindChannel("MetallicRoughness")!.Value;
        mr.SetFactor("MetallicFactor", Math.Clamp(metallic, 0, 1));
        mr.SetFactor("RoughnessFactor", Math.Clamp(roughness, 0, 1));
        if (emission != Vector3.Zero && material.FindChannel("Emissive") is { } emissive)
            emissive.Color = new Vector4(Vector3.Clamp(emission, Vector3.Zero, Vector3.One), 1);
        return material;
    }

    // Four vertices per quad (faces of a voxel mesh rarely share normal and colour), two
    // triangles per quad; positions converted to Y-up.
    private static void AddGeometry(ModelRoot model, MeshPrimitive primitive, VoxelMesh mesh)
    {
        var count = mesh.Quads.Count * 4;
        var positions = new byte[count * 12];
        var normals = new byte[count * 12];
        var colors = new byte[count * 12];
        var indices = new byte[mesh.Quads.Count * 6 * 4];
        var linear = new float[256];
        for (var i = 0; i < 256; i++) linear[i] = SrgbToLinear(i / 255f);
        int v = 0, t = 0;
        foreach (var quad in mesh.Quads)
        {
            var corners = quad.Corners();
            var n = MeshFormat.ToExport(quad.Normal, yUp: true);
            var c = new Vector3(linear[quad.Color.R], linear[quad.Color.G], linear[quad.Color.B]);
            foreach (var k in MeshFormat.QuadTriangles)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(indices.AsSpan(t), (uint)(v + k));
                t += 4;
            }
            for (var k = 0; k < 4; k++, v++)
            {
                Put(positions, v, MeshFormat.ToExport(corners[k], yUp: true));
                Put(normals, v, n);
                Put(colors, v, c);
            }
        }
        Accessor Vertex(byte[] data, string attribute)
        {
            var view = model.UseBufferView(data, 0, null, 0, BufferMode.ARRAY_BUFFER);
            var accessor = model.CreateAccessor(attribute);
            accessor.SetVertexData(view, 0, count, new SharpGLTF.Memory.AttributeFormat(DimensionType.VEC3, EncodingType.FLOAT, false));
            return accessor;
        }
        primitive.SetVertexAccessor("POSITION", Vertex(positions, "POSITION"));
        primitive.SetVertexAccessor("NORMAL", Vertex(normals, "NORMAL"));
        primitive.SetVertexAccessor("COLOR_0", Vertex(colors, "COLOR_0"));
        var indexView = model.UseBufferView(indices, 0, null, 0, BufferMode.ELEMENT_ARRAY_BUFFER);
        var indexAccessor = model.CreateAccessor("indices");
        indexAccessor.SetIndexData(indexView, 0, mesh.Quads.Count * 6, IndexEncodingType.UNSIGNED_INT);
        primitive.SetIndexAccessor(indexAccessor);
        primitive.DrawPrimitiveType = PrimitiveType.TRIANGLES;
    }

    private static void Put(byte[] buffer, int index, Vector3 v)
    {
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(index * 12), v.X);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(index * 12 + 4), v.Y);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(index * 12 + 8), v.Z);
    }

    private static float SrgbToLinear(float c) => c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
}
