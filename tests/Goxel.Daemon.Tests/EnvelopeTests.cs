using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>JSON-RPC 2.0: batches, notifications, error codes, ids.</summary>
public sealed class EnvelopeTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static int Code(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    [Fact]
    public void BatchAnswersEachMemberInOrderWithPerMemberErrors()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"id\":1},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"no.such\",\"id\":2},"
                    + "7,"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[3],\"id\":\"three\"}]\n");
        var responses = client.ReadJson();
        Assert.Equal(JsonValueKind.Array, responses.ValueKind);
        Assert.Equal(4, responses.GetArrayLength());
        Assert.Equal(1, responses[0].GetProperty("id").GetInt32());
        Assert.Equal(-32601, Code(responses[1]));
        Assert.Equal(-32600, Code(responses[2]));
        Assert.Equal(JsonValueKind.Null, responses[2].GetProperty("id").ValueKind);
        Assert.Equal("three", responses[3].GetProperty("id").GetString());
    }

    [Fact]
    public void EmptyBatchIsInvalidRequest()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("[]\n");
        var response = client.ReadJson();
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.Equal(-32600, Code(response));
    }

    [Fact]
    public void BatchOfNotificationsGetsNoReply()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}]\n");
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"after\"],\"id\":9}\n");
        var next = client.ReadJson();
        Assert.Equal(9, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public void NotificationIsExecutedButNotAnswered()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", new { name = "notify" });
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":[4,5,6,1,2,3,255]}\n");
        Assert.True(client.IsSilentFor(TimeSpan.FromMilliseconds(200)));
        var voxel = client.Result("goxel.get_voxel", new { x = 4, y = 5, z = 6 });
        Assert.True(voxel.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void NotificationOfUnknownMethodIsSilentToo()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"no.such\"}\n");
        Assert.True(client.IsSilentFor(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void NullIdIsAnsweredWithNull()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":null}\n");
        var line = client.ReadLine();
        Assert.EndsWith(",\"id\":null}", line);
        Assert.Contains("\"pong\":true", line);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("12345678901")]
    [InlineData("-3")]
    [InlineData("0")]
    public void IdsAreEchoedWithTheirJsonType(string id)
    {
        using var client = fixture.Daemon.Connect();
        client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{id}}}\n");
        Assert.EndsWith($",\"id\":{id}}}", client.ReadLine());
    }

    [Fact]
    public void IntegersAreNeverWrittenAsDecimals()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":[\"ints\",8,8,8],\"id\":1}\n");
        var line = client.ReadLine();
        Assert.Contains("\"width\":8,", line);
        Assert.DoesNotMatch(@"\d\.0[,}\]]", line);
    }

    [Fact]
    public void InvalidJsonIsParseError()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1,,}\n");
        var response = client.ReadJson();
        Assert.Equal(-32700, Code(response));
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData("{\"method\":\"ping\",\"id\":5}")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"method\":\"ping\",\"id\":5}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":42,\"id\":5}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":5}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":\"x\",\"id\":5}")]
    public void StructurallyBadRequestIsInvalidRequestWithItsId(string request)
    {
        using var client = fixture.Daemon.Connect();
        client.Send(request + "\n");
        var response = client.ReadJson();
        Assert.Equal(-32600, Code(response));
        Assert.Equal(5, response.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("{}")]
    public void UnusableIdIsInvalidRequestWithNullId(string id)
    {
        using var client = fixture.Daemon.Connect();
        client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{id}}}\n");
        var response = client.ReadJson();
        Assert.Equal(-32600, Code(response));
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
    }

    [Fact]
    public void UnknownMethodNamesItself()
    {
        using var client = fixture.Daemon.Connect();
        var error = client.Error("goxel.get_everything");
        Assert.Equal(-32601, error.GetProperty("code").GetInt32());
        Assert.Equal("Method not found: goxel.get_everything", error.GetProperty("message").GetString());
    }

    [Fact]
    public void MethodNamesAreCaseSensitive()
    {
        using var client = fixture.Daemon.Connect();
        Assert.Equal(-32601, client.Error("PING").GetProperty("code").GetInt32());
    }

    [Fact]
    public void ResponseMembersComeInTheOriginalOrder()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"id\":3,\"method\":\"ping\",\"jsonrpc\":\"2.0\"}\n");
        var line = client.ReadLine();
        Assert.StartsWith("{\"jsonrpc\":\"2.0\",\"result\":", line);
        Assert.EndsWith("\"id\":3}", line);
    }
}
