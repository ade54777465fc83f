using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 10, framing: malformed JSON gets -32700 with a reason and a byte position, and the connection goes on.</summary>
public sealed class MalformedFramingTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Ping = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":21}\n";

    private static void AssertParseError(JsonElement response)
    {
        var error = response.GetProperty("error");
        Assert.Equal(-32700, error.GetProperty("code").GetInt32());
        Assert.Matches("^Parse error: .+ at byte [0-9]+$", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":20\n")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":[1,2,\"id\":20}\n")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"a\":[1}],\"id\":20}\n")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":20}}\n")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping,\"id\":20}\n")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"a\":\"unterminated\n")]
    [InlineData("{\"a\":1 \"b\":2}\n")]
    [InlineData("{{{{\n")]
    public void MalformedMessageIsAnsweredAndTheNextRequestToo(string malformed)
    {
        using var client = fixture.Daemon.Connect();
        client.Send(malformed + Ping);
        AssertParseError(client.ReadJson());
        var pong = client.ReadJson();
        Assert.Equal(21, pong.GetProperty("id").GetInt32());
        Assert.True(pong.GetProperty("result").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void PrettyPrintedMessagesStillWork()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"echo\",\n  \"params\": [\n    1,\n    {\"a\": [\n 2 ]}\n  ],\n  \"id\": 5\n}\n" + Ping);
        Assert.Equal(5, client.ReadJson().GetProperty("id").GetInt32());
        Assert.Equal(21, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("junk", -32700)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"", -32700)]
    [InlineData("\u0001\u0002binary", -32700)]
    // A bare scalar is valid JSON that is not a request: JSON-RPC's Invalid Request.
    [InlineData("42", -32600)]
    [InlineData("\"text\"", -32600)]
    public void JunkBeforeCloseGetsAnErrorLine(string junk, int code)
    {
        using var client = fixture.Daemon.Connect();
        client.Send(junk);
        client.ShutdownSend();
        var error = client.ReadJson().GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public void ParseErrorSaysWhere()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1 x}\n");
        var message = client.ReadJson().GetProperty("error").GetProperty("message").GetString()!;
        Assert.EndsWith("at byte 40", message);
    }
}
