package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import dev.hoard.testing.TestProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host name in Unicode, from the links file or the command line: its punycode goes on the wire, people read it in
 * Unicode, and a host that mixes scripts is shown in punycode. No DNS knows these names: a proxy that does stands
 * between hoard and the server, and what it was asked for is what went on the wire.
 */
class InternationalHostsTest {
  private static final String WIRE = "xn--bcher-kva.example";
  // "pаypal" with a Cyrillic а
  private static final String SPOOF = "p\u0430ypal.example";
  private static final String SPOOF_WIRE = "xn--pypal-4ve.example";

  @TempDir Path tmp;
  private final Routes routes = new Routes().on("/f", Servers.ok("from b\u00fccher"));
  private MockWebServer server;
  private TestProxy proxy;

  @BeforeEach
  void start() throws Exception {
    server = Servers.start(routes);
    proxy = TestProxy.start().resolve(WIRE, server.getPort()).resolve(SPOOF_WIRE, server.getPort());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private String url(String host, String path) {
    return "http://" + host + ":" + server.getPort() + path;
  }

  @Test
  void aUnicodeHostInTheLinksFileGoesOutInPunycodeAndIsShownInUnicode() throws Exception {
    Path links = tmp.resolve("links.txt");
    Files.writeString(links, url("b\u00fccher.example", "/f") + "\n" + url("b\u00fccher.example", "/missing") + "\n"
        + url(SPOOF, "/missing") + "\n", StandardCharsets.UTF_8);

    var run = Hoard.get(tmp.resolve("dl"), "--proxy", proxy.url(), "-i", links.toString(), "--progress=plain");

    assertEquals(1, run.code(), run.err());
    assertEquals("from b\u00fccher", Files.readString(tmp.resolve("dl/f"), StandardCharsets.UTF_8));
    List<String> lines = proxy.seen().stream().map(TestProxy.Seen::requestLine).toList();
    assertTrue(lines.contains("GET " + url(WIRE, "/f") + " HTTP/1.1"), lines.toString());
    assertEquals(WIRE + ":" + server.getPort(), routes.requests("/f").get(0).getHeaders().get("Host"));
    run.errContains("hoard: " + url("b\u00fccher.example", "/missing") + ": 404");
    run.errContains("hoard: " + url(SPOOF_WIRE, "/missing") + ": 404");
    assertFalse(run.err().contains(SPOOF), "a host mixing scripts was shown as the name it imitates:\n" + run.err());
    assertFalse(run.err().contains(WIRE), "the punycode of a plain Unicode host was shown:\n" + run.err());
  }

  @Test
  void aUnicodeHostOnTheCommandLineIsFetched() throws Exception {
    var run = Hoard.get(tmp.resolve("dl"), "--proxy", proxy.url(), "--progress=plain",
        url("B\u00dcCHER.example", "/f"));

    assertEquals(0, run.code(), run.err());
    assertEquals("from b\u00fccher", Files.readString(tmp.resolve("dl/f"), StandardCharsets.UTF_8));
    assertEquals(WIRE + ":" + server.getPort(), routes.requests("/f").get(0).getHeaders().get("Host"));
  }
}
