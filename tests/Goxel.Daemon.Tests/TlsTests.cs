using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>TLS on the TCP listener (server.tls_certificate, server.tls_key) with a certificate each test makes.</summary>
public sealed class TlsTests
{
    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, written as PEM into <paramref name="dir"/>.</summary>
    private static (X509Certificate2 Certificate, string CertificateFile, string KeyFile) MakeCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=goxel-daemon test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(dir, "cert.pem");
        var keyFile = Path.Combine(dir, "key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (X509CertificateLoader.LoadCertificate(certificate.RawData), certificateFile, keyFile);
    }

    private static DaemonProcess Launch(string dir, int port, string config) =>
        DaemonProcess.Launch(dir, ["--socket", Path.Combine(dir, "t.sock"), "--tcp", $"127.0.0.1:{port}", "--config", WriteConfig(dir, config)], Path.Combine(dir, "t.sock"), ownsDirectory: true);

    private static string WriteConfig(string dir, string config)
    {
        var path = Path.Combine(dir, "t.json");
        File.WriteAllText(path, config);
        return path;
    }

    private static string TlsConfig(string certificateFile, string keyFile) =>
        $"{{\"server\":{{\"tls_certificate\":{RawClient.Quote(certificateFile)},\"tls_key\":{RawClient.Quote(keyFile)}}}}}";

    /// <summary>A TLS connection that trusts only <paramref name="trusted"/> (and checks the host name against it).</summary>
    private static SslStream ConnectTls(int port, X509Certificate2 trusted)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 20_000, SendTimeout = 20_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(trusted);
        stream.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = policy });
        return stream;
    }

    private static JsonElement Call(SslStream stream, string line)
    {
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        return ReadJson(stream);
    }

    private static JsonElement ReadJson(SslStream stream)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (stream.Read(one) == 1 && one[0] != (byte)'\n') received.Add(one[0]);
        return JsonDocument.Parse(received.ToArray()).RootElement;
    }

    [Fact]
    public void TlsClientAuthenticatesWithTheTokenAndPlainTextIsClosed()
    {
        var dir = DaemonProcess.NewDirectory();
        var (certificate, certificateFile, keyFile) = MakeCertificate(dir);
        var port = DaemonProcess.FreePort();
        using var daemon = Launch(dir, port, TlsConfig(certificateFile, keyFile));
        daemon.WaitUntilListening();
        Assert.True(daemon.WaitForStderr("tcp speaks TLS only", TimeSpan.FromSeconds(5)), daemon.Stderr);
        var token = File.ReadAllText(daemon.SocketPath + ".token").Trim();

        // A client that does not speak TLS is closed; nothing else is disturbed.
        using (var plain = RawClient.Tcp(new IPEndPoint(IPAddress.Loopback, port)))
        {
            plain.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{{\"token\":\"{token}\"}},\"id\":1}}\n");
            Assert.True(plain.IsClosedByPeer());
        }
        Assert.True(daemon.WaitForStderr("TLS handshake failed", TimeSpan.FromSeconds(5)), daemon.Stderr);

        using var tls = ConnectTls(port, certificate);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, tls.SslProtocol);
        // Inside TLS the first message is still the token.
        Assert.Equal(-32001, Call(tls, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}").GetProperty("error").GetProperty("code").GetInt32());
        using var authenticated = ConnectTls(port, certificate);
        var auth = Call(authenticated, $"{{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{{\"token\":\"{token}\"}},\"id\":1}}");
        Assert.True(auth.GetProperty("result").GetProperty("authenticated").GetBoolean());
        Assert.True(Call(authenticated, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2}").GetProperty("result").GetProperty("pong").GetBoolean());

        // The Unix socket stays plain.
        using var local = daemon.Connect();
        Assert.True(local.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void AnIdleTlsConnectionIsToldWhyBeforeItIsClosed()
    {
        var dir = DaemonProcess.NewDirectory();
        var (certificate, certificateFile, keyFile) = MakeCertificate(dir);
        var port = DaemonProcess.FreePort();
        var config = $"{{\"server\":{{\"tls_certificate\":{RawClient.Quote(certificateFile)},\"tls_key\":{RawClient.Quote(keyFile)},\"token\":\"s3cret-s3cret-s3cret\",\"idle_timeout_seconds\":1}}}}";
        using var daemon = Launch(dir, port, config);
        daemon.WaitUntilListening();
        using var tls = ConnectTls(port, certificate);
        Assert.True(Call(tls, "{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{\"token\":\"s3cret-s3cret-s3cret\"},\"id\":1}").GetProperty("result").GetProperty("authenticated").GetBoolean());
        // The read timed out inside TLS; the error line still goes out through it.
        var idle = ReadJson(tls);
        Assert.Contains("Idle timeout", idle.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void ABadKeyPathStopsTheDaemonNamingTheKey()
    {
        var dir = DaemonProcess.NewDirectory();
        var (_, certificateFile, _) = MakeCertificate(dir);
        using var daemon = Launch(dir, DaemonProcess.FreePort(), TlsConfig(certificateFile, Path.Combine(dir, "missing.pem")));
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("'server.tls_key': cannot read", daemon.Stderr);
    }

    [Fact]
    public void ACertificateWithoutItsKeyIsRefused()
    {
        var dir = DaemonProcess.NewDirectory();
        var (_, certificateFile, _) = MakeCertificate(dir);
        using var daemon = Launch(dir, DaemonProcess.FreePort(), $"{{\"server\":{{\"tls_certificate\":{RawClient.Quote(certificateFile)}}}}}");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("'server.tls_key' is missing", daemon.Stderr);
    }
}
