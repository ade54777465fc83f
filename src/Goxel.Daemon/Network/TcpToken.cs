using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Goxel.Daemon.Configuration;
using Goxel.Formats;

namespace Goxel.Daemon.Network;

/// <summary>
/// The shared secret TCP clients send first (and the viewer's HTTP clients present, docs/viewer.md). It comes from server.token or GOXEL_TOKEN; without
/// either, the daemon keeps one in a file only its user can read (server.token_file, default the
/// socket path plus ".token"), generated on first use and reused after restarts.
/// </summary>
internal sealed partial class TcpToken(CurrentSettings current, string? generated, string? file)
{
    /// <summary>The file holding the generated token, or null when the token is configured.</summary>
    public string? File => file;

    /// <summary>The token source for the settings in <paramref name="current"/>: reads or creates the token file when TCP needs one.</summary>
    public static TcpToken Prepare(CurrentSettings current)
    {
        var settings = current.Value;
        // The viewer's HTTP server always asks for the token, whatever server.tcp_auth says.
        var needed = (settings.Tcp is not null && settings.TcpAuth == TcpAuth.Token) || settings.Http is not null;
        if (!needed || settings.Token is not null) return new TcpToken(current, null, null);
        var path = Path.GetFullPath(settings.TokenFile ?? settings.SocketPath + ".token");
        var status = FileStatus.Of(path);
        if (status.Kind == FileKind.Missing)
        {
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            using (var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.Write(Encoding.ASCII.GetBytes(secret + "\n"));
            }
            return new TcpToken(current, secret, path);
        }
        if (status.Kind != FileKind.Regular || status.Uid != (int)GetEffectiveUserId() || (status.Mode & 0x3F) != 0)
            throw new EndpointException($"token file {path} must be a regular file of this user with mode 0600; remove it to have a new one generated");
        var existing = System.IO.File.ReadAllText(path).Trim();
        if (existing.Length < 16) throw new EndpointException($"token file {path} holds no usable token (16 characters at least); remove it to have a new one generated");
        return new TcpToken(current, existing, path);
    }

    /// <summary>The token in force (configured, else the generated one), or null when there is none.</summary>
    public string? Secret => current.Value.Token ?? generated;

    /// <summary>True when <paramref name="offered"/> is the token in force (configured, else the generated one).</summary>
    public bool Matches(string offered)
    {
        var expected = Secret;
        if (expected is null) return false;
        // Hashing first makes the comparison constant-time in the length too.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
