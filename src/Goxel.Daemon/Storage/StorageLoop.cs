using Goxel.Daemon.Projects;
using Goxel.Formats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Storage;

/// <summary>
/// Once a second: checkpoints projects whose journal passed storage.checkpoint_mb or that have
/// been idle for <see cref="IdleCheckpoint"/> with edits since their snapshot, writes dirty
/// projects back to their own files every storage.autosave_seconds, and keeps the projects in
/// memory within limits.max_projects and half of limits.memory_mb.
/// </summary>
internal sealed class StorageLoop(ProjectStore store, ILogger<StorageLoop> logger) : BackgroundService
{
    /// <summary>How long a project must go without edits before an idle checkpoint.</summary>
    public static readonly TimeSpan IdleCheckpoint = TimeSpan.FromSeconds(10);

    private static readonly ProjectFiles OwnFiles = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Vault is not { } vault) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTime.UtcNow;
            var tick = Environment.TickCount64;
            foreach (var open in store.All)
            {
                if (open.Log is not { } log || !open.IsLoaded) continue;
                if (vault.Settings.AutosaveSeconds > 0 && log is { OwnPath: not null, Dirty: true }
                    && now - log.LastAutosave >= TimeSpan.FromSeconds(vault.Settings.AutosaveSeconds))
                    Autosave(vault, open, log);
                var grown = log.JournalBytes - log.BaseLength >= vault.Settings.CheckpointBytes;
                var idle = log.QuietMilliseconds(tick) >= IdleCheckpoint.TotalMilliseconds && log.HasEditsSinceSnapshot;
                if (grown || idle) vault.Checkpoint(log, open.Gate, () => open.Project);
            }
            store.PageOut();
        }
    }

    /// <summary>Writes the project back to its own file atomically, from a copy-on-write snapshot.</summary>
    private void Autosave(ProjectVault vault, OpenProject open, ProjectLog log)
    {
        log.LastAutosave = DateTime.UtcNow;
        Core.Project snapshot;
        long changes;
        using (open.Gate.EnterScope())
        {
            snapshot = open.Project.Snapshot();
            changes = log.Changes;
        }
        try
        {
            OwnFiles.Export(snapshot, log.OwnPath!, log.OwnFormat);
            using (open.Gate.EnterScope()) vault.SetOwnFile(log, log.OwnPath!, log.OwnFormat!, clean: log.Changes == changes);
            logger.LogDebug("storage: autosaved {Project} to {Path}", open.Id, log.OwnPath);
        }
        catch (Exception ex) when (ex is VoxelFileException or Protocol.RpcException)
        {
            logger.LogWarning("storage: autosave of {Project} to {Path} failed: {Reason}; the previous file is intact", open.Id, log.OwnPath, ex.Message);
        }
    }
}
