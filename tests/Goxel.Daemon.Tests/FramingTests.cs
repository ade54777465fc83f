using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Spec 1.10: how requests are split out of the byte stream and how responses go back.</summary>
public sealed class FramingTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Ping = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}";

    private static string Echo(int id, string value = "v") =>
        $"{{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[{id},\"{value}\"],\"id\":{id}}}";

    [Fact]
    public void NewlineDelimitedRequestGetsOneLine()
    {
        using var client = fixture.Daemon.Connect();
        client.Send(Ping + "\n");
        var line = client.ReadLine();
        Assert.StartsWith("{\"jsonrpc\":\"2.0\",\"result\":{\"pong\":true", line);
        Assert.EndsWith(",\"id\":1}", line);
    }

    [Fact]
    public void BackToBackValuesWithoutNewlinesAreAllAnswered()
    {
        using var client = fixture.Daemon.Connect();
        client.Send(Echo(1) + Echo(2) + Echo(3));
        for (var id = 1; id <= 3; id++) Assert.Equal(id, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void BackToBackValuesOnOneLineAreAllAnswered()
    {
        // A line that is not one JSON value goes to the framer, which splits it.
        using var client = fixture.Daemon.Connect();
        client.Send(Echo(1) + Echo(2) + " " + Echo(3) + "\n" + Echo(4) + "\n");
        for (var id = 1; id <= 4; id++) Assert.Equal(id, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void CrlfAndBlankLinesAreTolerated()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("\r\n\r\n" + Echo(1) + "\r\n\n  \t\n" + Echo(2) + "\r\n");
        Assert.Equal(1, client.ReadJson().GetProperty("id").GetInt32());
        Assert.Equal(2, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void RequestSplitAcrossManyWritesIsAnswered()
    {
        using var client = fixture.Daemon.Connect();
        var bytes = Encoding.UTF8.GetBytes(Echo(7, "split {\\\"braces\\\"] inside") + "\n");
        foreach (var b in bytes)
        {
            client.Send([b]);
            Thread.Sleep(1);
        }
        var response = client.ReadJson();
        Assert.Equal(7, response.GetProperty("id").GetInt32());
        Assert.Equal("split {\"braces\"] inside", response.GetProperty("result")[1].GetString());
    }

    [Fact]
    public async Task PipelinedRequestsAreAllAnsweredInOrder()
    {
        using var client = fixture.Daemon.Connect();
        var batch = new StringBuilder();
        for (var id = 0; id < 2000; id++) batch.Append(Echo(id)).Append('\n');
        // Written while the answers are read, as a pipelining client must.
        var sending = Task.Run(() => client.Send(batch.ToString()));
        for (var id = 0; id < 2000; id++) Assert.Equal(id, client.ReadJson().GetProperty("id").GetInt32());
        await sending.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void NewlinesInsideStringsStayEscapedSoEachResponseIsOneLine()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"text\":\"a\\nb\\r\\nc\"},\"id\":1}\n");
        var line = client.ReadLine();
        Assert.Contains("a\\nb\\r\\nc", line);
        Assert.Equal("a\nb\r\nc", JsonDocument.Parse(line).RootElement.GetProperty("result").GetProperty("text").GetString());
    }

    [Fact]
    public void OversizeRequestGetsTheOriginalLineAndTheConnectionGoesOn()
    {
        using var client = fixture.Daemon.Connect();
        var big = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + new string('x', 200_000) + "\"],\"id\":1}\n";
        client.Send(big + Ping + "\n");
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: JSON message too large\"},\"id\":null}", client.ReadLine());
        Assert.True(client.ReadJson().GetProperty("result").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void OversizeRequestArrivingInPiecesIsDiscardedWhole()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"");
        for (var i = 0; i < 10; i++)
        {
            client.Send(new string('{', 20_000));
            Thread.Sleep(5);
        }
        client.Send("\"],\"id\":1}" + Ping + "\n");
        Assert.Contains("JSON message too large", client.ReadLine());
        Assert.True(client.ReadJson().GetProperty("result").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void LargeResponseArrivesWholeAsOneLine()
    {
        using var client = fixture.Daemon.Connect();
        var text = new string('y', 60_000);
        client.Send(Echo(5, text) + "\n");
        var response = client.ReadJson();
        Assert.Equal(text, response.GetProperty("result")[1].GetString());
    }

    [Fact]
    public void JunkBeforeARequestIsAParseErrorNotSilence()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("xx" + Ping + "\n" + Ping + "\n");
        var error = client.ReadJson();
        Assert.Equal(-32700, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        Assert.True(client.ReadJson().GetProperty("result").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void TopLevelScalarIsAnInvalidRequest()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("42\n\"text\"\n");
        Assert.Equal(-32600, client.ReadJson().GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32600, client.ReadJson().GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public void ManyConnectionsInSequenceNeverRunOutOfSlots()
    {
        for (var i = 0; i < 300; i++)
        {
            using var client = fixture.Daemon.Connect();
            Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
        }
    }
}
