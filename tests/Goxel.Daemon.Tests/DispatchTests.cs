namespace Goxel.Daemon.Tests;

/// <summary>Issue 10, dispatch: a failing method is an error reply to that request alone, on JSON-RPC and MCP-style messages alike.</summary>
public sealed class DispatchTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string BadRender = "{\"tool\":\"goxel_render_scene\",\"arguments\":{\"session_id\":\"../../etc\",\"width\":16,\"height\":16,\"return_mode\":\"file_path\"}}\n";

    [Fact]
    public void AFailingToolCallKeepsTheRepliesAroundIt()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", new { name = "dispatch" });
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n" + BadRender + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2}\n");
        Assert.Equal(1, client.ReadJson().GetProperty("id").GetInt32());
        var failure = client.ReadJson();
        Assert.False(failure.GetProperty("success").GetBoolean());
        Assert.Equal(-1002, failure.GetProperty("error_code").GetInt32());
        Assert.Contains("session_id", failure.GetProperty("error_message").GetString());
        Assert.Equal(2, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void TheSameFailureOverJsonRpcIsInvalidParamsWithoutAStackTrace()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", new { name = "dispatch" });
        var error = client.Error("goxel.render_scene", "{\"session_id\":\"../../etc\",\"width\":16,\"height\":16,\"return_mode\":\"file_path\"}");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.DoesNotContain("   at ", fixture.Daemon.Stderr);
    }
}
