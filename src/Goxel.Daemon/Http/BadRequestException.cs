namespace Goxel.Daemon.Http;

/// <summary>
/// A request refused before (or instead of) its handler: the status answered, with the message
/// as a one-line plain-text body, after which the connection closes.
/// </summary>
internal sealed class BadRequestException(int status, string message) : Exception(message)
{
    /// <summary>The status answered: 400, 411, 413, 431, 505.</summary>
    public int Status { get; } = status;
}
