using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>
/// The engine as the tools see it: every call comes back as a tool result, failures as tool
/// errors (isError) carrying the daemon's message, and edits tell subscribed sessions which
/// project resources changed.
/// </summary>
public sealed class Workshop(IVoxelEngine engine, ProjectSubscriptions subscriptions)
{
    /// <summary>The engine behind the tools.</summary>
    public IVoxelEngine Engine => engine;

    /// <summary>The sessions' resource subscriptions.</summary>
    public ProjectSubscriptions Subscriptions => subscriptions;

    /// <summary>
    /// A read: the method's result as compact JSON (or as <paramref name="describe"/> words it).
    /// A dropped connection is retried once, since reading twice changes nothing.
    /// </summary>
    public Task<CallToolResult> ReadAsync(string method, JsonObject parameters, CancellationToken cancellationToken,
        Func<JsonElement, string>? describe = null) =>
        AnswerAsync(async () =>
        {
            JsonElement result;
            try
            {
                result = await engine.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (VoxelEngineException e) when (e.Code == VoxelEngineException.ConnectionLost)
            {
                result = await engine.CallAsync(method, (JsonObject)parameters.DeepClone(), cancellationToken).ConfigureAwait(false);
            }
            return Text(describe is null ? result.GetRawText() : describe(result));
        });

    /// <summary>
    /// An edit: run once (never retried: it may have been applied before a connection dropped),
    /// then tell <paramref name="server"/>'s subscriptions. <paramref name="listChanged"/> for
    /// edits that open or close projects.
    /// </summary>
    public Task<CallToolResult> EditAsync(McpServer server, string method, JsonObject parameters, CancellationToken cancellationToken,
        bool listChanged = false) =>
        AnswerAsync(async () =>
        {
            var projectId = parameters["project_id"]?.GetValue<string>();
            var result = await engine.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            await NotifyAsync(server, projectId, listChanged, cancellationToken).ConfigureAwait(false);
            return Text(result.GetRawText());
        });

    /// <summary>
    /// <paramref name="layerId"/>, else the project's active layer. Some wire methods default to
    /// layer 1 (as the original did); the tools all mean "the active layer" when none is named.
    /// </summary>
    public async Task<int> LayerOrActiveAsync(int? layerId, string? projectId, CancellationToken cancellationToken)
    {
        if (layerId is { } id) return id;
        var info = await engine.CallAsync("goxel.get_project_info", ToolParams.For(projectId), cancellationToken).ConfigureAwait(false);
        return info.TryGetProperty("active_layer_id", out var active) && active.TryGetInt32(out var activeId) ? activeId : 1;
    }

    /// <summary>Runs <paramref name="answer"/>, turning engine failures and bad arguments into tool errors.</summary>
    public static async Task<CallToolResult> AnswerAsync(Func<Task<CallToolResult>> answer)
    {
        try
        {
            return await answer().ConfigureAwait(false);
        }
        catch (VoxelEngineException e)
        {
            return Failure(e.Code == VoxelEngineException.ConnectionLost ? e.Message : $"{e.Message} (error {e.Code})");
        }
        catch (ArgumentException e)
        {
            return Failure(e.Message);
        }
    }

    /// <summary>Tells <paramref name="server"/> about resources an edit of <paramref name="projectId"/> changed.</summary>
    public async Task NotifyAsync(McpServer server, string? projectId, bool listChanged, CancellationToken cancellationToken)
    {
        foreach (var uri in subscriptions.Touched(server.SessionId, projectId))
            await server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri },
                McpJsonUtilities.DefaultOptions, cancellationToken).ConfigureAwait(false);
        if (listChanged)
            await server.SendNotificationAsync(NotificationMethods.ResourceListChangedNotification, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A successful result of one text block.</summary>
    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    /// <summary>A tool error the model can read and act on.</summary>
    public static CallToolResult Failure(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
