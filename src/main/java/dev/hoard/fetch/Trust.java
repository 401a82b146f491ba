package dev.hoard.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Which TLS certificates a run trusts: the system's, the system's plus those of a PEM file
 * ({@code --ca-certificate}), or any certificate for any host ({@code --no-check-certificate}).
 */
public final class Trust {
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

  private final List<X509Certificate> extra;
  private final boolean verifies;

  private Trust(List<X509Certificate> extra, boolean verifies) {
    this.extra = List.copyOf(extra);
    this.verifies = verifies;
  }

  /** The system's trusted certificates, host names verified. */
  public static Trust system() {
    return new Trust(List.of(), true);
  }

  /**
   * The system's trusted certificates plus each certificate of {@code pemFile}, host names verified.
   *
   * @throws SetupException when the file cannot be read or holds no certificate, naming the file
   */
  public static Trust withCertificates(Path pemFile) throws SetupException {
    return new Trust(readPem(pemFile), true);
  }

  /** Any certificate, for any host name: {@code --no-check-certificate}. */
  public static Trust insecure() {
    return new Trust(List.of(), false);
  }

  /** False for {@link #insecure()}: the run should say once that certificates go unchecked. */
  public boolean verifies() {
    return verifies;
  }

  /** The certificates trusted besides the system's, from the PEM file. */
  public List<X509Certificate> extraCertificates() {
    return extra;
  }

  /**
   * The TLS strategy for HttpClient's connection manager. The system trust store is loaded on the first https
   * connection, not before: a run over plain http should not pay the tenth of a second it costs.
   */
  public TlsSocketStrategy socketStrategy() {
    return new Lazy(this);
  }

  /** Builds the strategy now (loading the system trust store). */
  TlsSocketStrategy build() throws GeneralSecurityException {
    if (!verifies) {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
      return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager()}, null);
    // hoard checks the host name itself, rather than JSSE, so a mismatch can say which names the certificate has
    return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, new HostCheck());
  }

  /** A PKIX trust manager whose anchors are the system's and the file's certificates. */
  private X509TrustManager trustManager() throws GeneralSecurityException {
    TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    X509TrustManager systemManager = x509(system);
    if (extra.isEmpty()) return systemManager;
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      anchors.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    int n = 0;
    for (X509Certificate c : systemManager.getAcceptedIssuers()) anchors.setCertificateEntry("system-" + n++, c);
    for (X509Certificate c : extra) anchors.setCertificateEntry("file-" + n++, c);
    TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    combined.init(anchors);
    return x509(combined);
  }

  private static X509TrustManager x509(TrustManagerFactory factory) throws GeneralSecurityException {
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + factory.getAlgorithm());
  }

  /** Every certificate in the PEM file {@code file}. */
  static List<X509Certificate> readPem(Path file) throws SetupException {
    String text;
    try {
      text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new SetupException("--ca-certificate: cannot read " + file + ": " + Failure.describeReading(e), e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = PEM_CERTIFICATE.matcher(text);
      while (m.find()) {
        byte[] der = java.util.Base64.getMimeDecoder().decode(m.group(1));
        certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new SetupException("--ca-certificate: " + file + " holds a certificate that cannot be read: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new SetupException("--ca-certificate: " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** Builds the real strategy on the first https connection. */
  private static final class Lazy implements TlsSocketStrategy {
    private final Trust trust;
    private volatile TlsSocketStrategy real;

    Lazy(Trust trust) {
      this.trust = trust;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      TlsSocketStrategy r = real;
      if (r == null) {
        synchronized (this) {
          if (real == null) {
            try {
              real = trust.build();
            } catch (GeneralSecurityException e) {
              throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
          }
          r = real;
        }
      }
      return r.upgrade(socket, target, port, attachment, context);
    }
  }

  /** Accepts every certificate chain: {@code --no-check-certificate}. */
  private static final class TrustingEveryone extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
