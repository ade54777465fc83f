using Goxel.Core;

namespace Goxel.Daemon.Projects;

/// <summary>
/// A project held by the daemon. Edits and reads of the live document take <see cref="Gate"/>
/// for their whole duration, so each project has one writer at a time and edits apply in
/// arrival order; long readers (renders, exports) take a snapshot under the gate and work on
/// it outside.
/// </summary>
public sealed class OpenProject(string id, Project project)
{
    /// <summary>The id clients name it by.</summary>
    public string Id { get; } = id;

    /// <summary>The live document; touch only while holding <see cref="Gate"/>.</summary>
    public Project Project { get; set; } = project;

    /// <summary>Serialises access to <see cref="Project"/>.</summary>
    public Lock Gate { get; } = new();
}
