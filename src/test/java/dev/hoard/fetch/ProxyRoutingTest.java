package dev.hoard.fetch;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.TestCertificates.PROXY_ONLY_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import dev.hoard.testing.TestCertificates;
import dev.hoard.testing.TestProxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyRoutingTest {
  private static final String ALICE = "Basic YWxpY2U6czNjcmV0"; // alice:s3cret

  @TempDir Path dir;
  private final Routes routes = new Routes().otherwise(r -> ok("from the server"));
  private MockWebServer server;
  private TestProxy proxy;

  @BeforeEach
  void start() throws Exception {
    server = Servers.start(routes);
    proxy = TestProxy.start().resolve(PROXY_ONLY_HOST, server.getPort());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private String viaProxyOnly(String scheme, String path) {
    return scheme + "://" + PROXY_ONLY_HOST + ":" + server.getPort() + path;
  }

  private static TestClient client(ProxyConfig proxies, Trust trust) {
    return new TestClient(new Network(proxies, CookieJar.empty(), trust, Netrc.none()));
  }

  private static TestClient client(ProxyConfig proxies) {
    return client(proxies, Trust.system());
  }

  private List<String> requestLines() {
    return proxy.seen().stream().map(TestProxy.Seen::requestLine).toList();
  }

  private static void assertNoCredentialsReachedTheServer(RecordedRequest r) {
    assertNull(r.getHeaders().get("Proxy-Authorization"), "the proxy's credentials went on to the server");
    assertNull(r.getHeaders().get("Authorization"), "the proxy's credentials went to the server as Authorization");
  }

  @Test
  void aProxyThatRefusesIsNamedInTheErrorNotTheServer() {
    String url = "http://127.0.0.1:" + server.getPort() + "/file";

    Hoard.get(dir.resolve("dl"), "--json", "--proxy", "http://127.0.0.1:9", url).exits(1)
        .errContains(url + ": proxy 127.0.0.1:9 refused the connection");

    assertTrue(routes.requests().isEmpty(), "the server was reached past the proxy");
  }

  @Test
  void theMadeUpHostCannotBeReachedDirectly() {
    assertThrows(UnknownHostException.class, () -> InetAddress.getByName(PROXY_ONLY_HOST));
  }

  @Test
  void plainHttpGoesThroughTheProxyInAbsoluteForm() throws Exception {
    ProxyConfig proxies = ProxyConfig.of(null, false, Map.of("http_proxy", proxy.url()));
    try (TestClient client = client(proxies)) {
      assertEquals(new TestClient.Answer(200, "from the server"), client.get(viaProxyOnly("http", "/file?x=1")));
    }
    assertEquals(List.of("GET " + viaProxyOnly("http", "/file?x=1") + " HTTP/1.1"), requestLines());
    assertEquals("/file?x=1", routes.requests().get(0).getTarget());
  }

  @Test
  void httpsGoesThroughAConnectTunnel() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    server.close();
    server = new MockWebServer();
    server.setDispatcher(routes);
    certificates.useHttps(server, certificates.server());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    proxy.resolve(PROXY_ONLY_HOST, server.getPort());
    Trust trust = Trust.withCertificates(certificates.writeCaPem(dir.resolve("ca.pem")));
    ProxyConfig proxies = ProxyConfig.of(null, false, Map.of("https_proxy", proxy.url()));

    try (TestClient client = client(proxies, trust)) {
      assertEquals(new TestClient.Answer(200, "from the server"), client.get(viaProxyOnly("https", "/secret")));
      assertEquals(200, client.get(viaProxyOnly("https", "/again")).code());
    }

    assertEquals(List.of("CONNECT " + PROXY_ONLY_HOST + ":" + server.getPort() + " HTTP/1.1"), requestLines(),
        "one tunnel, kept alive for the second request");
    assertEquals(List.of("/secret", "/again"), routes.requests().stream().map(RecordedRequest::getTarget).toList());
    assertEquals(List.of(PROXY_ONLY_HOST), routes.requests().get(0).getHandshakeServerNames(), "SNI names the target");
  }

  @Test
  void credentialsInTheProxyUrlGoToTheProxyOnTheFirstRequestAndNoFurther() throws Exception {
    proxy.requireCredentials("alice", "s3cret");
    ProxyConfig proxies = ProxyConfig.of(proxy.url("alice", "s3cret"), false, Map.of());
    try (TestClient client = client(proxies)) {
      assertEquals(200, client.get(viaProxyOnly("http", "/one")).code());
      assertEquals(200, client.get(viaProxyOnly("http", "/two")).code());
    }
    assertEquals(List.of(new TestProxy.Seen("GET " + viaProxyOnly("http", "/one") + " HTTP/1.1", ALICE),
        new TestProxy.Seen("GET " + viaProxyOnly("http", "/two") + " HTTP/1.1", ALICE)), proxy.seen(),
        "sent up front: no 407 round trip");
    routes.requests().forEach(ProxyRoutingTest::assertNoCredentialsReachedTheServer);
  }

  @Test
  void credentialsGoOnTheConnectOfATunnelAndNotInsideIt() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    server.close();
    server = new MockWebServer();
    server.setDispatcher(routes);
    certificates.useHttps(server, certificates.server());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    proxy.resolve(PROXY_ONLY_HOST, server.getPort()).requireCredentials("alice", "s3cret");
    Trust trust = Trust.withCertificates(certificates.writeCaPem(dir.resolve("ca.pem")));
    ProxyConfig proxies = ProxyConfig.of(null, false, Map.of("HTTPS_PROXY", proxy.url("alice", "s3cret")));

    try (TestClient client = client(proxies, trust)) {
      assertEquals(200, client.get(viaProxyOnly("https", "/secret")).code());
    }

    assertEquals(List.of(new TestProxy.Seen("CONNECT " + PROXY_ONLY_HOST + ":" + server.getPort() + " HTTP/1.1", ALICE)),
        proxy.seen());
    assertNoCredentialsReachedTheServer(routes.requests().get(0));
  }

  @Test
  void escapedCharactersOfTheProxyPasswordAreDecodedAndSentAsUtf8() throws Exception {
    proxy.requireCredentials("al ice", "p@ss:w%rdä");
    ProxyConfig proxies = ProxyConfig.of(proxy.url("al%20ice", "p%40ss%3Aw%25rd%C3%A4"), false, Map.of());
    try (TestClient client = client(proxies)) {
      assertEquals(200, client.get(viaProxyOnly("http", "/")).code());
    }
  }

  @Test
  void wrongProxyCredentialsEndInA407NotALoop() throws Exception {
    proxy.requireCredentials("alice", "right");
    ProxyConfig proxies = ProxyConfig.of(proxy.url("alice", "wrong"), false, Map.of());
    try (TestClient client = client(proxies)) {
      assertEquals(407, client.get(viaProxyOnly("http", "/")).code());
    }
    assertTrue(proxy.seen().size() <= 2, "asked again and again: " + proxy.seen());
    assertTrue(routes.requests().isEmpty());
  }

  @Test
  void wrongProxyCredentialsOnATunnelEndInA407() throws Exception {
    proxy.requireCredentials("alice", "right");
    ProxyConfig proxies = ProxyConfig.of(proxy.url("alice", "wrong"), false, Map.of());
    try (TestClient client = client(proxies)) {
      assertEquals(407, client.get(viaProxyOnly("https", "/")).code());
    }
    assertTrue(proxy.seen().size() <= 2, "asked again and again: " + proxy.seen());
  }

  @Test
  void aHostInNoProxyGoesDirect() throws Exception {
    ProxyConfig proxies = ProxyConfig.of(null, false, Map.of("http_proxy", proxy.url(), "no_proxy", "localhost,127.0.0.1"));
    try (TestClient client = client(proxies)) {
      assertEquals(200, client.get(Servers.url(server, "/direct")).code());
    }
    assertEquals(List.of(), proxy.seen());
    assertEquals("/direct", routes.requests().get(0).getTarget());
  }

  @Test
  void eachRequestIsRoutedByItsOwnHost() throws Exception {
    ProxyConfig proxies = ProxyConfig.of(null, false, Map.of("http_proxy", proxy.url(), "no_proxy", "127.0.0.1"));
    try (TestClient client = client(proxies)) {
      client.get(viaProxyOnly("http", "/proxied"));
      client.get(Servers.url(server, "/direct"));
      client.get(Servers.url("localhost", server, "/proxied-too"));
    }
    assertEquals(List.of("GET " + viaProxyOnly("http", "/proxied") + " HTTP/1.1",
        "GET " + Servers.url("localhost", server, "/proxied-too") + " HTTP/1.1"), requestLines());
    assertEquals(3, routes.requests().size());
  }

  @Test
  void noProxyOptionIgnoresTheEnvironment() throws Exception {
    ProxyConfig proxies = ProxyConfig.of(null, true, Map.of("http_proxy", proxy.url(), "all_proxy", proxy.url()));
    try (TestClient client = client(proxies)) {
      assertEquals(200, client.get(Servers.url(server, "/direct")).code());
    }
    assertEquals(List.of(), proxy.seen());
  }
}
