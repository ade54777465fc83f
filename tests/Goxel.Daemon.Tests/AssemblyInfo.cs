// The daemon and its tests speak Unix sockets and POSIX signals.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
