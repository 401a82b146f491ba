package dev.hoard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A private certificate authority made at test time, and server certificates it signs, so no private key is ever
 * checked in. The default server certificate is for {@code localhost}, {@code 127.0.0.1} and
 * {@value #PROXY_ONLY_HOST}.
 */
public final class TestCertificates {
  /** A host name no DNS resolves: only {@link TestProxy} knows where it is. */
  public static final String PROXY_ONLY_HOST = "only-via-proxy.test";

  private final HeldCertificate ca;

  private TestCertificates(HeldCertificate ca) {
    this.ca = ca;
  }

  /** A fresh CA. */
  public static TestCertificates create() {
    return new TestCertificates(new HeldCertificate.Builder()
        .commonName("hoard test CA")
        .certificateAuthority(0)
        .duration(1, TimeUnit.DAYS)
        .build());
  }

  /** The CA's certificate in PEM, as {@code --ca-certificate} reads it. */
  public String caPem() {
    return ca.certificatePem();
  }

  /** Writes the CA's certificate as PEM to {@code file}. */
  public Path writeCaPem(Path file) throws IOException {
    return Files.writeString(file, caPem());
  }

  /** A server certificate for {@code localhost}, {@code 127.0.0.1} and {@value #PROXY_ONLY_HOST}, valid today. */
  public HeldCertificate server() {
    return server("localhost", "127.0.0.1", PROXY_ONLY_HOST);
  }

  /** A server certificate for {@code names}, signed by this CA, valid today. */
  public HeldCertificate server(String... names) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(names[0]).signedBy(ca).duration(1, TimeUnit.DAYS);
    for (String n : names) b.addSubjectAlternativeName(n);
    return b.build();
  }

  /** A certificate for {@code localhost} and {@code 127.0.0.1} that expired on {@code notAfter}. */
  public HeldCertificate expired(Instant notAfter) {
    return validBetween(notAfter.minusSeconds(86_400), notAfter);
  }

  /** A certificate for {@code localhost} and {@code 127.0.0.1} valid from {@code notBefore} to {@code notAfter}. */
  public HeldCertificate validBetween(Instant notBefore, Instant notAfter) {
    return new HeldCertificate.Builder().commonName("localhost").signedBy(ca)
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1")
        .validityInterval(notBefore.toEpochMilli(), notAfter.toEpochMilli())
        .build();
  }

  /** Makes {@code server} speak https with a certificate for localhost and 127.0.0.1 that signs itself. */
  public static void useHttpsSelfSigned(MockWebServer server) {
    HeldCertificate self = new HeldCertificate.Builder().commonName("localhost")
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1")
        .duration(1, TimeUnit.DAYS).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(self).build().sslSocketFactory());
  }

  /** Socket factory for a server presenting {@code certificate} (with this CA's certificate in its chain). */
  public SSLSocketFactory serverSockets(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate, ca.certificate()).build().sslSocketFactory();
  }

  /** Makes {@code server} speak https with {@code certificate}; call before it starts. */
  public void useHttps(MockWebServer server, HeldCertificate certificate) {
    server.useHttps(serverSockets(certificate));
  }
}
