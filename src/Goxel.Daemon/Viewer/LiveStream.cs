using System.Net.WebSockets;
using Goxel.Core;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// One page's live WebSocket on a project (docs/viewer.md): a full snapshot first, then, when
/// the project's version moves, one message with the blocks changed since the last message sent
/// on this socket. The socket keeps only the view it last sent and awaits each send before it
/// looks again, so at most one message is in flight: a page that reads slowly gets one bigger
/// delta later, never a queue. Layer changes, or a delta larger than a full snapshot, send a full
/// snapshot (after the layers as text). A closed project gets {"closed":true} and the socket closes.
/// </summary>
internal sealed class LiveStream(ProjectStore projects, string projectId, WebSocket socket)
{
    /// <summary>How often the project's version is looked at: changes show within this (the contract says 50 ms).</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Streams until the page leaves, the project closes or <paramref name="stopping"/> (daemon shutdown) fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var draining = DrainAsync(ended);
        try
        {
            ViewState? sent = null;
            using var timer = new PeriodicTimer(Poll);
            do
            {
                if (projects.Peek(projectId) is not { } open)
                {
                    await socket.SendAsync("{\"closed\":true}"u8.ToArray(), WebSocketMessageType.Text, true, ended.Token);
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "project closed");
                    return;
                }
                if (sent is not null && open.Version == sent.Version) continue;
                // A long edit (a script) holds the project: look again next tick rather than wait.
                if (TrySnapshot(open) is not { } snapshot) continue;
                var next = ViewState.Of(snapshot);
                await SendAsync(sent, next, ended.Token);
                sent = next;
            }
            while (await timer.WaitForNextTickAsync(ended.Token));
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            if (stopping.IsCancellationRequested) await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "daemon stopping");
        }
        catch (WebSocketException)
        {
            // The page went away mid-send.
        }
        finally
        {
            // After a close frame the page gets a moment to answer it; then the socket is dropped.
            await Task.WhenAny(draining, Task.Delay(CloseGrace, CancellationToken.None));
            await ended.CancelAsync();
            await draining;
        }
    }

    private static Project? TrySnapshot(OpenProject open)
    {
        if (!open.Gate.TryEnter()) return null;
        try
        {
            return open.Project.Snapshot();
        }
        finally
        {
            open.Gate.Exit();
        }
    }

    private async Task SendAsync(ViewState? sent, ViewState next, CancellationToken cancel)
    {
        if (sent is null || !sent.SameLayers(next))
        {
            await SendFullAsync(next, cancel);
            return;
        }
        var changes = next.ChangesSince(sent);
        // Every block changed: the delta carries the full snapshot's records and more.
        if (changes.Count >= next.BlockCount && next.BlockCount > 0)
        {
            await SendFullAsync(next, cancel);
            return;
        }
        await socket.SendAsync(BlockMessage.Encode(false, next.Version, changes), WebSocketMessageType.Binary, true, cancel);
    }

    private async Task SendFullAsync(ViewState view, CancellationToken cancel)
    {
        var layers = ProjectJson.Document(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("layers");
            ProjectJson.WriteLayers(w, view.Layers);
            w.WriteEndObject();
        });
        await socket.SendAsync(layers, WebSocketMessageType.Text, true, cancel);
        await socket.SendAsync(BlockMessage.Encode(true, view.Version, view.AllBlocks()), WebSocketMessageType.Binary, true, cancel);
    }

    // The page sends nothing the daemon needs; reading notices its close (and answers pings).
    private async Task DrainAsync(CancellationTokenSource ended)
    {
        var buffer = new byte[1024];
        try
        {
            while (!ended.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, ended.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Gone without a close frame, or the stream ended first.
        }
        await ended.CancelAsync();
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await socket.CloseOutputAsync(status, reason, grace.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The page is gone already.
        }
    }
}
