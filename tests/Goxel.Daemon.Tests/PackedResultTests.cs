using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>
/// Issue 12: voxel reads and exports as packed bytes ("encoding": "packed", export_model "data":
/// true), Brotli-compressed past daemon.compression_threshold when daemon.enable_compression is on.
/// </summary>
public sealed class PackedResultTests
{
    private static byte[] Unpack(JsonElement result, string field)
    {
        var bytes = result.GetProperty(field).GetBytesFromBase64();
        if (result.GetProperty("compression").GetString() == "none") return bytes;
        Assert.Equal("br", result.GetProperty("compression").GetString());
        using var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void AddBatch(RawClient client, int count)
    {
        var positions = new byte[count * 12];
        var colors = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12), i % 100);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 4), i / 100);
            BinaryPrimitives.WriteInt32LittleEndian(positions.AsSpan(i * 12 + 8), -3);
            colors[i * 4] = (byte)i;
            colors[i * 4 + 1] = 2;
            colors[i * 4 + 2] = 3;
            colors[i * 4 + 3] = 255;
        }
        client.Result("goxel.add_voxel_batch", $"{{\"positions\":\"{Convert.ToBase64String(positions)}\",\"colors\":\"{Convert.ToBase64String(colors)}\"}}");
    }

    [Theory]
    [InlineData(false, 0, "none")]
    [InlineData(true, 100_000, "none")]
    [InlineData(true, 1000, "br")]
    public void PackedReadsMirrorThePackedBatchAndCompressPastTheThreshold(bool enabled, int threshold, string expected)
    {
        using var daemon = ConfiguredDaemon.Start($"{{\"daemon\":{{\"enable_compression\":{(enabled ? "true" : "false")},\"compression_threshold\":{threshold}}}}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        AddBatch(client, 2000);
        var json = client.Result("goxel.get_voxels_region", "{\"min\":[0,0,-3],\"max\":[99,19,-3],\"limit\":0}");
        var packed = client.Result("goxel.get_voxels_region", "{\"min\":[0,0,-3],\"max\":[99,19,-3],\"limit\":0,\"encoding\":\"packed\"}");
        Assert.Equal("packed", packed.GetProperty("encoding").GetString());
        Assert.Equal(expected, packed.GetProperty("compression").GetString());
        Assert.Equal(2000, packed.GetProperty("count").GetInt32());
        Assert.Equal(json.GetProperty("bbox").GetRawText(), packed.GetProperty("bbox").GetRawText());
        var positions = Unpack(packed, "positions");
        var colors = Unpack(packed, "colors");
        Assert.Equal((2000 * 12, 2000 * 4), (positions.Length, colors.Length));
        var fromJson = json.GetProperty("voxels").EnumerateArray().Select(v => (v.GetProperty("x").GetInt32(), v.GetProperty("y").GetInt32(), v.GetProperty("z").GetInt32(), v.GetProperty("color")[0].GetInt32())).ToList();
        var fromPacked = Enumerable.Range(0, 2000).Select(i => (BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12)), BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12 + 4)),
            BinaryPrimitives.ReadInt32LittleEndian(positions.AsSpan(i * 12 + 8)), (int)colors[i * 4])).ToList();
        Assert.Equal(fromJson, fromPacked);
        // Uncompressed, the answer feeds straight back into add_voxel_batch.
        if (expected == "none")
        {
            client.Result("goxel.create_project");
            client.Result("goxel.add_voxel_batch", $"{{\"positions\":\"{packed.GetProperty("positions").GetString()}\",\"colors\":\"{packed.GetProperty("colors").GetString()}\"}}");
            Assert.Equal(2000, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt64());
        }
        var layers = client.Result("goxel.get_layer_voxels", "{\"layer_id\":-2,\"limit\":5,\"encoding\":\"packed\"}");
        Assert.Equal(5 * 4, Unpack(layers, "layer_ids").Length);
        Assert.True(layers.GetProperty("truncated").GetBoolean());
        Assert.Equal(-32602, client.Error("goxel.get_layer_voxels", "{\"encoding\":\"zip\"}").GetProperty("code").GetInt32());
    }

    [Fact]
    public void ExportToDataReturnsTheFileAndItsCompanions()
    {
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"enable_compression\":true,\"compression_threshold\":100}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        AddBatch(client, 300);
        var vox = client.Result("goxel.export_model", "{\"format\":\"vox\",\"data\":true}");
        Assert.Equal("model.vox", vox.GetProperty("name").GetString());
        var bytes = Unpack(vox, "data");
        Assert.Equal(vox.GetProperty("bytes").GetInt32(), bytes.Length);
        Assert.Equal("VOX ", Encoding.ASCII.GetString(bytes, 0, 4));
        // The same bytes as the file export writes.
        var path = Path.Combine(daemon.Directory, "same.vox");
        client.Result("goxel.export_model", new { path, format = "vox" });
        Assert.Equal(File.ReadAllBytes(path), bytes);
        var obj = client.Result("goxel.export_model", "{\"format\":\"obj\",\"data\":true}");
        var mtl = obj.GetProperty("files")[0];
        Assert.Equal("model.mtl", mtl.GetProperty("name").GetString());
        Assert.Contains("mtllib model.mtl", Encoding.UTF8.GetString(Unpack(obj, "data")));
        Assert.Equal(-32602, client.Error("goxel.export_model", "{\"data\":true}").GetProperty("code").GetInt32());
        Assert.Equal(-1007, client.Error("goxel.export_model", "{\"data\":true,\"format\":\"nope\"}").GetProperty("code").GetInt32());
    }
}
