package dev.hoard.fetch;

import static dev.hoard.testing.Servers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers.Routes;
import dev.hoard.testing.TestCertificates;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.net.ssl.SSLException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustTest {
  @TempDir Path dir;
  private final TestCertificates certificates = TestCertificates.create();
  private final Routes routes = new Routes().otherwise(r -> ok("over tls"));
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void dispatch() {
    server.setDispatcher(routes);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return "https://127.0.0.1:" + server.getPort() + "/file";
  }

  private static TestClient client(Trust trust) {
    Network d = Network.defaults();
    return new TestClient(new Network(d.proxies(), d.cookies(), trust, d.netrc()));
  }

  /** What the person sees when {@code url} is fetched trusting {@code trust}. */
  private static String failure(Trust trust, String url) {
    try (TestClient client = client(trust)) {
      SSLException e = assertThrows(SSLException.class, () -> client.get(url));
      return TlsFailure.describe(e);
    }
  }

  private Trust caFile() throws Exception {
    return Trust.withCertificates(certificates.writeCaPem(dir.resolve("ca.pem")));
  }

  @Test
  void aPrivateCaIsNotTrustedWithoutTheCaFile() throws Exception {
    certificates.useHttps(server, certificates.server());
    String url = start();

    assertEquals("certificate not trusted: self-signed or unknown issuer; --ca-certificate FILE trusts a private CA",
        failure(Trust.system(), url));
    assertTrue(routes.requests().isEmpty());
  }

  @Test
  void theCaFileMakesThePrivateCaTrusted() throws Exception {
    certificates.useHttps(server, certificates.server());
    String url = start();

    try (TestClient client = client(caFile())) {
      assertEquals(new TestClient.Answer(200, "over tls"), client.get(url));
    }
  }

  @Test
  void aSelfSignedCertificateIsNotTrusted() throws Exception {
    TestCertificates.useHttpsSelfSigned(server);
    String url = start();

    assertEquals(TlsFailure.NOT_TRUSTED, failure(caFile(), url));
  }

  @Test
  void insecureModeTrustsAnyCertificateForAnyHost() throws Exception {
    TestCertificates.useHttpsSelfSigned(server);
    start();

    try (TestClient client = client(Trust.insecure())) {
      assertEquals(200, client.get("https://127.0.0.1:" + server.getPort() + "/").code());
    }
    assertFalse(Trust.insecure().verifies());
  }

  @Test
  void insecureModeSkipsTheHostNameCheck() throws Exception {
    certificates.useHttps(server, certificates.server("elsewhere.test"));
    String url = start();

    try (TestClient client = client(Trust.insecure())) {
      assertEquals(200, client.get(url).code());
    }
  }

  @Test
  void aCertificateForAnotherHostSaysWhichHostsItIsFor() throws Exception {
    certificates.useHttps(server, certificates.server("elsewhere.test", "www.elsewhere.test"));
    String url = start();

    assertEquals("certificate is for elsewhere.test, www.elsewhere.test, not 127.0.0.1", failure(caFile(), url));
  }

  @Test
  void aCertificateForTheIpIsNotOneForTheName() throws Exception {
    certificates.useHttps(server, certificates.server("127.0.0.1"));
    start();

    assertEquals("certificate is for 127.0.0.1, not localhost",
        failure(caFile(), "https://localhost:" + server.getPort() + "/"));
  }

  @Test
  void anExpiredCertificateSaysWhenItExpired() throws Exception {
    certificates.useHttps(server, certificates.expired(Instant.parse("2020-01-02T03:04:05Z")));
    String url = start();

    assertEquals("certificate expired on 2020-01-02 03:04:05 UTC", failure(caFile(), url));
  }

  @Test
  void aCertificateNotYetValidSaysFromWhen() throws Exception {
    certificates.useHttps(server,
        certificates.validBetween(Instant.parse("2999-01-01T00:00:00Z"), Instant.parse("2999-12-31T00:00:00Z")));
    String url = start();

    assertEquals("certificate not valid before 2999-01-01 00:00:00 UTC", failure(caFile(), url));
  }

  @Test
  void aDownloadFromAServerWithAnUntrustedCertificateSaysSoInWordsAPersonCanActOn() throws Exception {
    TestCertificates.useHttpsSelfSigned(server);
    String url = start();

    Hoard.get(dir.resolve("dl"), url).exits(1).errContains(url + ": " + TlsFailure.NOT_TRUSTED);
  }

  @Test
  void otherTlsFailuresKeepTheLibrarysMessage() {
    assertEquals("TLS error: Received fatal alert: handshake_failure",
        TlsFailure.describe(new javax.net.ssl.SSLHandshakeException("Received fatal alert: handshake_failure")));
  }

  @Test
  void readsEveryCertificateOfABundle() throws Exception {
    TestCertificates other = TestCertificates.create();
    Path bundle = Files.writeString(dir.resolve("bundle.pem"),
        "first CA\n" + other.caPem() + "\n# and the second\r\n" + certificates.caPem().replace("\n", "\r\n"));

    assertEquals(2, Trust.withCertificates(bundle).extraCertificates().size());
  }

  @Test
  void aCaFileWithNoCertificateIsAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    SetupException e = assertThrows(SetupException.class, () -> Trust.withCertificates(file));

    assertEquals("--ca-certificate: " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)", e.getMessage());
  }

  @Test
  void aCaFileWithABrokenCertificateIsAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

    SetupException e = assertThrows(SetupException.class, () -> Trust.withCertificates(file));

    assertTrue(e.getMessage().startsWith("--ca-certificate: " + file + " holds a certificate that cannot be read"),
        e.getMessage());
  }

  @Test
  void aMissingCaFileIsAnErrorNamingIt() {
    Path file = dir.resolve("absent.pem");
    SetupException e = assertThrows(SetupException.class, () -> Trust.withCertificates(file));
    assertEquals("--ca-certificate: cannot read " + file + ": no such file", e.getMessage());
    SetupException folder = assertThrows(SetupException.class, () -> Trust.withCertificates(dir));
    assertEquals("--ca-certificate: cannot read " + dir + ": Is a directory", folder.getMessage());
  }
}
