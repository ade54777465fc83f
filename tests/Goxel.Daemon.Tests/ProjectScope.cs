namespace Goxel.Daemon.Tests;

/// <summary>A connection to a shared daemon with a project of its own, named by project_id in every call.</summary>
public sealed class ProjectScope : IDisposable
{
    public ProjectScope(DaemonProcess daemon, string name = "scope")
    {
        Client = daemon.Connect();
        Id = Client.Result("goxel.create_project", new { name }).GetProperty("project_id").GetString()!;
    }

    public RawClient Client { get; }

    public string Id { get; }

    /// <summary>Named params with this scope's project_id added.</summary>
    public string With(string json) => json == "{}" ? $"{{\"project_id\":\"{Id}\"}}" : $"{{\"project_id\":\"{Id}\",{json.TrimStart().Substring(1)}";

    public System.Text.Json.JsonElement Result(string method, string json = "{}") => Client.Result(method, With(json));

    public System.Text.Json.JsonElement Error(string method, string json = "{}") => Client.Error(method, With(json));

    public void Dispose() => Client.Dispose();
}
