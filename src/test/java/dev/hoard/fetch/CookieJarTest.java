package dev.hoard.fetch;

import static dev.hoard.testing.Servers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import dev.hoard.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.cookie.MalformedCookieException;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.cookie.RFC6265CookieSpecFactory;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieJarTest {
  @TempDir Path dir;
  private final Routes routes = new Routes();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    routes.otherwise(r -> ok("page"));
    server = Servers.start(routes);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static MockResponse setting(String... cookies) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).body("set");
    for (String c : cookies) b.addHeader("Set-Cookie", c);
    return b.build();
  }

  private String url(String host, String path) {
    return Servers.url(host, server, path);
  }

  private String cookieSentTo(String path) {
    var seen = routes.requests(path);
    return seen.get(seen.size() - 1).getHeaders().get("Cookie");
  }

  private static Network with(CookieJar jar) {
    Network d = Network.defaults();
    return new Network(d.proxies(), jar, d.trust(), d.netrc());
  }

  @Test
  void aCookieGoesBackToTheHostThatSetItAndNotToAnother() throws Exception {
    routes.on("/set", setting("a=1; Path=/"));
    try (TestClient client = new TestClient(with(CookieJar.empty()))) {
      client.get(url("127.0.0.1", "/set"));
      client.get(url("127.0.0.1", "/same-host"));
      client.get(url("localhost", "/other-host"));
    }
    assertEquals("a=1", cookieSentTo("/same-host"));
    assertNull(cookieSentTo("/other-host"), "127.0.0.1's cookie went to localhost");
  }

  @Test
  void aCookieGoesOnlyUnderItsPath() throws Exception {
    routes.on("/docs/set", setting("p=1; Path=/docs"));
    try (TestClient client = new TestClient(with(CookieJar.empty()))) {
      client.get(url("127.0.0.1", "/docs/set"));
      client.get(url("127.0.0.1", "/docs/page"));
      client.get(url("127.0.0.1", "/documents"));
      client.get(url("127.0.0.1", "/"));
    }
    assertEquals("p=1", cookieSentTo("/docs/page"));
    assertNull(cookieSentTo("/documents"));
    assertNull(cookieSentTo("/"));
  }

  @Test
  void anExpiredCookieIsNoLongerSent() throws Exception {
    routes.on("/set", setting("keep=1; Path=/", "drop=1; Path=/"))
        .on("/expire", setting("drop=x; Path=/; Max-Age=0"))
        .on("/expire-by-date", setting("keep=x; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT"));
    try (TestClient client = new TestClient(with(CookieJar.empty()))) {
      client.get(url("127.0.0.1", "/set"));
      client.get(url("127.0.0.1", "/both"));
      client.get(url("127.0.0.1", "/expire"));
      client.get(url("127.0.0.1", "/one"));
      client.get(url("127.0.0.1", "/expire-by-date"));
      client.get(url("127.0.0.1", "/none"));
    }
    assertEquals("keep=1; drop=1", cookieSentTo("/both"));
    assertEquals("keep=1", cookieSentTo("/one"));
    assertNull(cookieSentTo("/none"));
  }

  @Test
  void anExpiresDateInAnyFormServersSendIsRead() throws Exception {
    routes.on("/set", setting("dashed=1; Path=/; Expires=Wed, 21-Oct-2037 07:28:00 GMT",
        "asctime=2; Path=/; Expires=Wed Oct 21 07:28:00 2037", "noday=3; Path=/; Expires=21 Oct 2037 07:28:00 GMT"));
    try (TestClient client = new TestClient(with(CookieJar.empty()))) {
      client.get(url("127.0.0.1", "/set"));
      client.get(url("127.0.0.1", "/next"));
    }
    assertEquals("dashed=1; asctime=2; noday=3", cookieSentTo("/next"));
  }

  @Test
  void httpClientsStrictSpecWouldDropACookieWithAnAsctimeExpiresDate() throws Exception {
    // why CookieJar.SPEC is not StandardCookieSpec.STRICT
    var header = new BasicHeader("Set-Cookie", "asctime=1; Path=/; Expires=Wed Oct 21 07:28:00 2037");
    var origin = new CookieOrigin("a.test", 80, "/", false);
    var strict = new RFC6265CookieSpecFactory(RFC6265CookieSpecFactory.CompatibilityLevel.STRICT, null).create(null);
    var relaxed = new RFC6265CookieSpecFactory(RFC6265CookieSpecFactory.CompatibilityLevel.RELAXED, null).create(null);

    assertThrows(MalformedCookieException.class, () -> strict.parse(header, origin));
    assertEquals(Instant.parse("2037-10-21T07:28:00Z"), relaxed.parse(header, origin).get(0).getExpiryInstant());
    assertEquals(StandardCookieSpec.RELAXED, CookieJar.SPEC);
  }

  @Test
  void aDomainCookieCoversSubdomainsButAHostCookieDoesNot() throws Exception {
    // localhost cannot have subdomains here, so the rule is shown on a file's cookies, matched as a request would be
    Path file = Files.writeString(dir.resolve("cookies.txt"), "# Netscape HTTP Cookie File\n"
        + "127.0.0.1\tFALSE\t/\tFALSE\t0\thostonly\t1\n"
        + ".localhost\tTRUE\t/\tFALSE\t0\tdomain\t2\n");
    try (TestClient client = new TestClient(with(CookieJar.load(file)))) {
      client.get(url("127.0.0.1", "/ip"));
      client.get(url("localhost", "/name"));
    }
    assertEquals("hostonly=1", cookieSentTo("/ip"));
    assertEquals("domain=2", cookieSentTo("/name"));
  }

  @Test
  void aServerCannotSetACookieForAWholePublicSuffix() throws Exception {
    // made-up names under co.uk, reached through the test proxy
    routes.on("/set", setting("tossed=1; Path=/; Domain=co.uk", "shared=2; Path=/; Domain=example.co.uk"));
    try (dev.hoard.testing.TestProxy proxy = dev.hoard.testing.TestProxy.start()) {
      proxy.resolve("shop.example.co.uk", server.getPort()).resolve("bank.other.co.uk", server.getPort())
          .resolve("cdn.example.co.uk", server.getPort());
      CookieJar jar = CookieJar.empty();
      Network network = new Network(ProxyConfig.of(proxy.url(), false, java.util.Map.of()), jar,
          Trust.system(), Netrc.none());
      try (TestClient client = new TestClient(network)) {
        client.get("http://shop.example.co.uk/set");
        client.get("http://cdn.example.co.uk/sibling");
        client.get("http://bank.other.co.uk/elsewhere");
      }
      Path saved = dir.resolve("saved.txt");
      jar.save(saved);
      assertFalse(Files.readString(saved).contains("tossed"), "a cookie for co.uk was kept: " + Files.readString(saved));
      assertTrue(Files.readString(saved).contains("example.co.uk\tTRUE\t/\tFALSE\t0\tshared\t2"),
          Files.readString(saved));
    }
    assertEquals("shared=2", cookieSentTo("/sibling"));
    assertNull(cookieSentTo("/elsewhere"), "a cookie for co.uk reached another site");
  }

  @Test
  void aSecureCookieGoesOverHttpsOnly() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    Routes secureRoutes = new Routes().otherwise(r -> ok("secure page"));
    Path file = Files.writeString(dir.resolve("cookies.txt"), "# Netscape HTTP Cookie File\n"
        + "127.0.0.1\tFALSE\t/\tTRUE\t0\tsecret\ts\n"
        + "127.0.0.1\tFALSE\t/\tFALSE\t0\tplain\tp\n");
    Network network = new Network(ProxyConfig.none(), CookieJar.load(file),
        Trust.withCertificates(certificates.writeCaPem(dir.resolve("ca.pem"))), Netrc.none());
    try (MockWebServer https = new MockWebServer()) {
      https.setDispatcher(secureRoutes);
      certificates.useHttps(https, certificates.server());
      https.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      try (TestClient client = new TestClient(network)) {
        client.get(url("127.0.0.1", "/plain"));
        client.get("https://127.0.0.1:" + https.getPort() + "/secure");
      }
      assertEquals("plain=p", cookieSentTo("/plain"));
      RecordedRequest overTls = secureRoutes.requests("/secure").get(0);
      assertEquals(java.util.Set.of("secret=s", "plain=p"),
          java.util.Set.of(overTls.getHeaders().get("Cookie").split("; ")));
    }
  }

  @Test
  void loadedCookiesAreSentAndSavedWithThoseTheServerSet() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"),
        "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tloaded\tyes\n");
    routes.on("/set", setting("fromserver=1; Path=/", "persistent=2; Path=/; Max-Age=3600"));
    CookieJar jar = CookieJar.load(in);
    try (TestClient client = new TestClient(with(jar))) {
      client.get(url("127.0.0.1", "/set"));
    }
    assertEquals("loaded=yes", cookieSentTo("/set"));
    Path out = dir.resolve("out.txt");

    jar.save(out);

    String saved = Files.readString(out);
    assertTrue(saved.contains("127.0.0.1\tFALSE\t/\tFALSE\t0\tloaded\tyes\n"), saved);
    assertTrue(saved.contains("127.0.0.1\tFALSE\t/\tFALSE\t0\tfromserver\t1\n"), saved);
    assertTrue(saved.matches("(?s).*127\\.0\\.0\\.1\tFALSE\t/\tFALSE\t[1-9][0-9]+\tpersistent\t2\n.*"), saved);
  }
}
