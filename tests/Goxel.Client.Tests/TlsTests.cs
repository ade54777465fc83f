using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Goxel.Client.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Tls_transport_trusts_the_given_certificate_and_authenticates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goxel-cs-tls-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            // A self-signed certificate for 127.0.0.1, as PEM files the daemon's config names.
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=goxel-daemon test", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certificateFile = Path.Combine(dir, "cert.pem");
            var keyFile = Path.Combine(dir, "key.pem");
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            var config = Path.Combine(dir, "tls.json");
            await File.WriteAllTextAsync(config, $"{{\"server\":{{\"tls_certificate\":\"{certificateFile}\",\"tls_key\":\"{keyFile}\"}}}}");

            await using var daemon = await TestDaemon.StartAsync(true, null, "--config", config);
            var options = new GoxelDaemonClientOptions { TcpHost = "127.0.0.1", TcpPort = daemon.TcpPort!.Value, Token = daemon.TcpToken, Timeout = TimeSpan.FromSeconds(20), Tls = true };
            // The system's roots do not know a self-signed certificate.
            await using (var untrusting = new GoxelDaemonClient(options))
            {
                await Assert.ThrowsAsync<GoxelConnectionException>(() => untrusting.ConnectAsync());
            }
            await using var client = new GoxelDaemonClient(options with { TlsCaFile = certificateFile });
            await client.ConnectAsync();
            Assert.True((await client.PingAsync()).Pong);
            Assert.Equal(7, (await client.CallAsync("echo", new System.Text.Json.Nodes.JsonArray(7)))[0].GetInt32());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
