package dev.hoard.fetch;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.redirect;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeHeadersTest {
  private static final String BASIC_USER_PW = "Basic " + Base64.getEncoder()
      .encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));

  @TempDir Path tmp;
  private final Routes homeRoutes = new Routes();
  private final Routes otherRoutes = new Routes();
  private MockWebServer home;
  private MockWebServer other;
  private Path dir;

  @BeforeEach
  void start() throws Exception {
    home = Servers.start(homeRoutes);
    other = Servers.start(otherRoutes);
    dir = tmp.resolve("dl");
  }

  @AfterEach
  void stop() {
    home.close();
    other.close();
  }

  @Test
  void aHeaderAndCredentialsGoToTheirOwnOrigin() throws Exception {
    homeRoutes.on("/private.bin", ok("secret stuff"));
    String listed = "http://user:pw@127.0.0.1:" + home.getPort() + "/private.bin";

    Hoard.get(dir, "-H", "X-Token: t0k3n", listed).exits(0);

    RecordedRequest r = homeRoutes.requests("/private.bin").get(0);
    assertEquals("t0k3n", r.getHeaders().get("X-Token"));
    assertEquals(BASIC_USER_PW, r.getHeaders().get("Authorization"));
    assertEquals("secret stuff", Files.readString(dir.resolve("private.bin")));
  }

  @Test
  void aRedirectToAnotherPortCarriesNeitherTheHeaderNorTheCredentials() throws Exception {
    homeRoutes.on("/private.bin", redirect(302, url(other, "/cdn/blob")));
    otherRoutes.on("/cdn/blob", ok("from the cdn"));
    String listed = "http://user:pw@127.0.0.1:" + home.getPort() + "/private.bin";

    Hoard.get(dir, "-H", "X-Token: t0k3n", listed).exits(0);

    assertEquals(BASIC_USER_PW, homeRoutes.requests("/private.bin").get(0).getHeaders().get("Authorization"));
    assertLeftHome(otherRoutes.requests("/cdn/blob"));
    assertEquals("from the cdn", Files.readString(dir.resolve("private.bin")));
  }

  @Test
  void aRedirectToAnotherHostNameOfTheSameServerCarriesNeitherTheHeaderNorTheCredentials() throws Exception {
    // 127.0.0.1 and localhost are one socket but two origins: the client cannot know they are the same host
    homeRoutes.on("/private.bin", redirect(301, url("localhost", home, "/moved.bin")))
        .on("/moved.bin", ok("moved"));
    String listed = "http://user:pw@127.0.0.1:" + home.getPort() + "/private.bin";

    Hoard.get(dir, "--header=X-Token: t0k3n", listed).exits(0);

    assertEquals("t0k3n", homeRoutes.requests("/private.bin").get(0).getHeaders().get("X-Token"));
    List<RecordedRequest> moved = homeRoutes.requests("/moved.bin");
    assertEquals("localhost:" + home.getPort(), moved.get(0).getHeaders().get("Host"));
    assertLeftHome(moved);
  }

  @Test
  void aRedirectWithinTheOriginKeepsTheHeaderAndCredentials() throws Exception {
    homeRoutes.on("/old.bin", redirect(302, "/new.bin")).on("/new.bin", ok("new"));
    String listed = "http://user:pw@127.0.0.1:" + home.getPort() + "/old.bin";

    Hoard.get(dir, "-H", "X-Token: t0k3n", listed).exits(0);

    RecordedRequest r = homeRoutes.requests("/new.bin").get(0);
    assertEquals("t0k3n", r.getHeaders().get("X-Token"));
    assertEquals(BASIC_USER_PW, r.getHeaders().get("Authorization"));
  }

  @Test
  void credentialsOfOneListedUrlAreNotSentToAnotherListedHost() throws Exception {
    homeRoutes.on("/a.bin", ok("a"));
    otherRoutes.on("/b.bin", ok("b"));

    Hoard.get(dir, "http://user:pw@127.0.0.1:" + home.getPort() + "/a.bin", url(other, "/b.bin")).exits(0);

    assertEquals(BASIC_USER_PW, homeRoutes.requests("/a.bin").get(0).getHeaders().get("Authorization"));
    assertNull(otherRoutes.requests("/b.bin").get(0).getHeaders().get("Authorization"));
  }

  @Test
  void headersApplyOnlyToTheirOwnSchemeHostAndPort() {
    HomeHeaders h = HomeHeaders.of(URI.create("http://example.com/a"), List.of(new Header("X", "1")));
    assertTrue(h.appliesTo(URI.create("http://example.com:80/b")));
    assertFalse(h.appliesTo(URI.create("https://example.com/a")));
    assertFalse(h.appliesTo(URI.create("http://example.com:81/a")));
    assertFalse(h.appliesTo(URI.create("http://www.example.com/a")));
  }

  private static void assertLeftHome(List<RecordedRequest> requests) {
    assertFalse(requests.isEmpty(), "the redirect target was never asked");
    for (RecordedRequest r : requests) {
      assertNull(r.getHeaders().get("X-Token"), "-H header carried to " + r.getUrl());
      assertNull(r.getHeaders().get("Authorization"), "credentials carried to " + r.getUrl());
    }
  }
}
