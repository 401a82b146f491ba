package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import dev.hoard.testing.TestCertificates;
import dev.hoard.testing.TestProxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code tune} reach sites as {@code get} does: through {@code --proxy} (or the environment's), and
 * trusting a private CA with {@code --ca-certificate}. The TLS error's advice names an option they have.
 */
class ReachFlagsTest {
  /** A name no DNS knows: only the proxy reaches it. */
  private static final String SITE = "status.internal.example";

  @TempDir Path tmp;
  private final Routes routes = new Routes().otherwise(r -> Servers.ok("fine"));

  @Test
  void checkGoesThroughTheProxy() throws Exception {
    try (MockWebServer server = Servers.start(routes);
         TestProxy proxy = TestProxy.start().resolve(SITE, server.getPort())) {
      String url = "http://" + SITE + ":" + server.getPort() + "/health";

      var run = Hoard.check("--json", "--proxy", proxy.url(), url).exits(0);

      assertEquals("up", run.records().get(0).get("state"), run.out());
      List<String> seen = proxy.seen().stream().map(TestProxy.Seen::requestLine).toList();
      assertTrue(seen.contains("HEAD " + url + " HTTP/1.1"), seen.toString());
    }
  }

  @Test
  void checkTrustsAPrivateCaGivenWithCaCertificate() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    Path ca = certificates.writeCaPem(tmp.resolve("ca.pem"));
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(routes);
      certificates.useHttps(server, certificates.server());
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      String url = "https://127.0.0.1:" + server.getPort() + "/health";

      var untrusted = Hoard.check(url).exits(1);
      assertTrue(untrusted.out().contains("certificate not trusted: self-signed or unknown issuer; --ca-certificate FILE"
          + " trusts a private CA"), untrusted.out());
      Hoard.check("--ca-certificate", ca.toString(), url).exits(0);
      Hoard.check("--no-check-certificate", url).exits(0).errContains("TLS certificates are not checked");
      Hoard.check("--ca-certificate", tmp.resolve("absent.pem").toString(), url).exits(2)
          .errContains("--ca-certificate: cannot read", "no such file");
    }
  }

  @Test
  void tuneGoesThroughTheProxy() throws Exception {
    try (MockWebServer server = Servers.start(routes);
         TestProxy proxy = TestProxy.start().resolve(SITE, server.getPort())) {
      String url = "http://" + SITE + ":" + server.getPort() + "/file.bin";

      Hoard.tune("--jobs", "1", "--connections", "1", "--runs", "1", "--proxy", proxy.url(), url).exits(0);

      assertTrue(proxy.seen().stream().anyMatch(s -> s.requestLine().startsWith("GET " + url)),
          proxy.seen().toString());
    }
  }
}
