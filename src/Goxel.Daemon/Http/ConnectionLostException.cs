namespace Goxel.Daemon.Http;

/// <summary>
/// The peer of an HTTP connection went away, reset it, or was too slow (a read or write timed
/// out): nothing more can be said on the connection, and it is nobody's error worth more than a
/// debug line.
/// </summary>
internal sealed class ConnectionLostException(string message, Exception? inner = null) : IOException(message, inner);
