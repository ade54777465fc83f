using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Goxel.Daemon.Configuration;

namespace Goxel.Daemon.Network;

/// <summary>
/// The TCP listener's certificate and key (server.tls_certificate, server.tls_key), read once at
/// start: a missing or unreadable file, or a key that does not match, stops the daemon with the
/// key named. The Unix socket never uses them.
/// </summary>
internal sealed class TlsCredentials
{
    private const string CertificateKey = "server.tls_certificate";
    private const string PrivateKeyKey = "server.tls_key";

    private readonly SslStreamCertificateContext _context;

    private TlsCredentials(SslStreamCertificateContext context, X509Certificate2 certificate)
    {
        _context = context;
        Certificate = certificate;
    }

    /// <summary>The server certificate (for the start-up log line).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The credentials the settings name, or null when TLS is off; throws <see cref="ConfigException"/> naming the key at fault.</summary>
    public static TlsCredentials? Load(DaemonSettings settings)
    {
        if (settings.TlsCertificate is null && settings.TlsKey is null) return null;
        if (settings.TlsCertificate is null || settings.TlsKey is null)
            throw new ConfigException($"'{(settings.TlsCertificate is null ? CertificateKey : PrivateKeyKey)}' is missing: TLS needs both {CertificateKey} and {PrivateKeyKey} (PEM files)");
        if (settings.Tcp is null)
            throw new ConfigException($"'{CertificateKey}' is set but there is no TCP listener: TLS applies to --tcp (server.tcp) only");
        var certificateText = Read(CertificateKey, settings.TlsCertificate);
        var keyText = Read(PrivateKeyKey, settings.TlsKey);
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificateText);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigException($"'{CertificateKey}': {settings.TlsCertificate} is not a PEM certificate: {ex.Message}");
        }
        if (chain.Count == 0) throw new ConfigException($"'{CertificateKey}': {settings.TlsCertificate} holds no PEM certificate");
        X509Certificate2 certificate;
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificateText, keyText);
            // OpenSSL serves a key loaded from PEM, but a PKCS#12 round trip is the form every
            // platform's TLS accepts for a server certificate.
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigException($"'{PrivateKeyKey}': {settings.TlsKey} is not an unencrypted PEM private key of the certificate in {settings.TlsCertificate}: {ex.Message}");
        }
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++) intermediates.Add(chain[i]);
        return new TlsCredentials(SslStreamCertificateContext.Create(certificate, intermediates, offline: true), certificate);
    }

    /// <summary>Options for one connection's handshake (TLS 1.2 or 1.3, no client certificate).</summary>
    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = _context,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
    };

    private static string Read(string key, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"'{key}': cannot read {path}: {ex.Message}");
        }
    }
}
