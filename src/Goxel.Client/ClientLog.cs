using Microsoft.Extensions.Logging;

namespace Goxel.Client;

/// <summary>Source-generated log messages (no boxing, AOT-safe).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connected to {Endpoint}")]
    public static partial void Connected(ILogger logger, string endpoint);

    [LoggerMessage(2, LogLevel.Warning, "Connection to {Endpoint} lost: {Reason}")]
    public static partial void Dropped(ILogger logger, string endpoint, string reason);

    [LoggerMessage(3, LogLevel.Information, "Reconnecting to {Endpoint} in {DelayMs} ms (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string endpoint, double delayMs, int attempt);

    [LoggerMessage(4, LogLevel.Error, "Gave up reconnecting to {Endpoint} after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, string endpoint, int attempts);
}
