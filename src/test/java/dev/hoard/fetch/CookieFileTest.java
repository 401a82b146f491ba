package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.impl.cookie.BasicClientCookie;
import org.apache.hc.client5.http.impl.cookie.RFC6265CookieSpecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieFileTest {
  /** Before the fixtures' cookies expire (2037-10-21). */
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private static String fixture(String name) throws IOException {
    try (InputStream in = CookieFileTest.class.getResourceAsStream("cookies/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code name=value} of the cookies that RFC 6265 sends with a request to {@code url}. */
  private static String sentTo(List<? extends Cookie> cookies, String url) {
    java.net.URI u = java.net.URI.create(url);
    boolean secure = u.getScheme().equals("https");
    CookieOrigin origin = new CookieOrigin(u.getHost(), u.getPort() < 0 ? (secure ? 443 : 80) : u.getPort(),
        u.getPath().isEmpty() ? "/" : u.getPath(), secure);
    var spec = new RFC6265CookieSpecFactory().create(null);
    return cookies.stream().filter(c -> spec.match(c, origin)).map(c -> c.getName() + "=" + c.getValue())
        .sorted().collect(Collectors.joining(" "));
  }

  @Test
  void readsACookieFileCurlWrote() throws Exception {
    List<BasicClientCookie> cookies = CookieFile.parse(fixture("curl-cookies.txt"), "curl-cookies.txt", NOW);

    assertEquals(4, cookies.size());
    BasicClientCookie token = cookies.stream().filter(c -> c.getName().equals("token")).findFirst().orElseThrow();
    assertTrue(token.isHttpOnly(), "#HttpOnly_ prefix");
    assertEquals("www.example.test", token.getDomain());
    assertEquals(Instant.ofEpochSecond(2139722880), token.getExpiryInstant());
    assertNull(cookies.stream().filter(c -> c.getName().equals("session")).findFirst().orElseThrow().getExpiryInstant(),
        "expiry 0 is a session cookie");

    assertEquals("session=abc123 token=s3cr3t wide=1", sentTo(cookies, "http://www.example.test/"));
    assertEquals("lang=en-GB session=abc123 token=s3cr3t wide=1", sentTo(cookies, "http://www.example.test/docs/a"));
    assertEquals("wide=1", sentTo(cookies, "http://other.example.test/"), "only the domain cookie covers subdomains");
    assertEquals("", sentTo(cookies, "http://example.org/"));
  }

  @Test
  void readsACookieFileWgetWrote() throws Exception {
    List<BasicClientCookie> cookies = CookieFile.parse(fixture("wget-cookies.txt"), "wget-cookies.txt", NOW);

    assertEquals(5, cookies.size());
    assertEquals("session=abc123 token=s3cr3t wide=1", sentTo(cookies, "http://www.example.test/"));
    assertEquals("sec=yes session=abc123 token=s3cr3t wide=1", sentTo(cookies, "https://www.example.test/"));
    assertEquals("wide=1", sentTo(cookies, "https://static.example.test/"));
  }

  @Test
  void readsTheHostAndPortWgetWritesForAServerOnAnotherPort() throws Exception {
    List<BasicClientCookie> cookies = CookieFile.parse(fixture("wget-port-cookies.txt"), "wget-port-cookies.txt", NOW);

    assertEquals("127.0.0.1", cookies.get(0).getDomain());
    assertEquals("session=abc123 token=s3cr3t", sentTo(cookies, "http://127.0.0.1:18765/"));
  }

  @Test
  void skipsCookiesThatHaveExpired() throws Exception {
    String text = "a.test\tFALSE\t/\tFALSE\t1000\told\tgone\n"
        + "a.test\tFALSE\t/\tFALSE\t" + NOW.plusSeconds(60).getEpochSecond() + "\tfresh\there\n";
    assertEquals(List.of("fresh"), CookieFile.parse(text, "f", NOW).stream().map(Cookie::getName).toList());
  }

  @Test
  void readsCommentsBlankLinesCrlfAndSixFieldLines() throws Exception {
    String text = "# Netscape HTTP Cookie File\r\n\r\n   \r\n# a.test\tFALSE\t/\tFALSE\t0\tcommented\tout\r\n"
        + "a.test\tFALSE\t/\tFALSE\t0\tempty\r\n"
        + "a.test\tFALSE\t/\tFALSE\t0\tname\tvalue with spaces\r\n";
    List<BasicClientCookie> cookies = CookieFile.parse(text, "f", NOW);
    assertEquals(List.of("empty=", "name=value with spaces"),
        cookies.stream().map(c -> c.getName() + "=" + c.getValue()).toList());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      a.test\\tFALSE\\t/\\tFALSE\\t0                          | f line 2: expected 7 TAB-separated fields
      a.test FALSE / FALSE 0 name value                      | f line 2: expected 7 TAB-separated fields
      a.test\\tYES\\t/\\tFALSE\\t0\\tn\\tv                    | f line 2: include-subdomains must be TRUE or FALSE, found "YES"
      a.test\\tFALSE\\t/\\t1\\t0\\tn\\tv                      | f line 2: secure must be TRUE or FALSE, found "1"
      a.test\\tFALSE\\t/\\tFALSE\\tsoon\\tn\\tv               | f line 2: expiry must be epoch seconds
      a.test\\tFALSE\\t/\\tFALSE\\t-5\\tn\\tv                 | f line 2: expiry must be epoch seconds
      a.test\\tFALSE\\tdocs\\tFALSE\\t0\\tn\\tv               | f line 2: path must start with /
      \\tFALSE\\t/\\tFALSE\\t0\\tn\\tv                        | f line 2: empty domain
      a.test\\tFALSE\\t/\\tFALSE\\t0\\tn\\tv\\textra          | f line 2: expected 7 TAB-separated fields
      """)
  void aMalformedLineIsAnErrorNamingTheFileAndLine(String line, String message) {
    String text = "# Netscape HTTP Cookie File\n" + line.replace("\\t", "\t") + "\n";
    SetupException e = assertThrows(SetupException.class, () -> CookieFile.parse(text, "f", NOW));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void loadingAMissingFileIsAnErrorNamingIt() {
    Path file = dir.resolve("absent.txt");
    SetupException e = assertThrows(SetupException.class, () -> CookieFile.load(file, new BasicCookieStore(), NOW));
    assertEquals("--load-cookies: cannot read " + file + ": no such file", e.getMessage());
  }

  @Test
  void savesWhatItLoadedLineForLine() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"), fixture("curl-cookies.txt"));
    BasicCookieStore store = new BasicCookieStore();
    CookieFile.load(in, store, NOW);
    Path out = dir.resolve("out.txt");

    CookieFile.save(store, out, NOW);

    assertEquals(cookieLines(fixture("curl-cookies.txt")), cookieLines(Files.readString(out)));
    assertTrue(Files.readString(out).startsWith("# Netscape HTTP Cookie File\n"));
  }

  @Test
  void aSavedFileLoadsBackToTheSameCookies() throws Exception {
    BasicCookieStore store = new BasicCookieStore();
    CookieFile.load(Files.writeString(dir.resolve("w.txt"), fixture("wget-cookies.txt")), store, NOW);
    Path saved = dir.resolve("saved.txt");
    CookieFile.save(store, saved, NOW);

    BasicCookieStore again = new BasicCookieStore();
    CookieFile.load(saved, again, NOW);

    assertEquals(describe(store.getCookies()), describe(again.getCookies()));
  }

  @Test
  void savesSessionCookiesWithExpiryZeroAndLeavesExpiredOnesOut() throws Exception {
    BasicCookieStore store = new BasicCookieStore();
    BasicClientCookie session = new BasicClientCookie("sid", "1");
    session.setDomain("a.test");
    session.setPath("/");
    BasicClientCookie expired = new BasicClientCookie("old", "2");
    expired.setDomain("a.test");
    expired.setPath("/");
    expired.setExpiryDate(NOW.minusSeconds(1));
    store.addCookie(session);
    store.addCookie(expired);
    Path file = dir.resolve("c.txt");

    CookieFile.save(store, file, NOW);

    assertEquals(List.of("a.test\tFALSE\t/\tFALSE\t0\tsid\t1"), cookieLines(Files.readString(file)));
  }

  @Test
  void aSavedFileIsReadableByItsOwnerOnlyAndReplacesTheOldOne() throws Exception {
    Path file = Files.writeString(dir.resolve("c.txt"), "old contents");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    CookieFile.save(new BasicCookieStore(), file, NOW);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(Files.readString(file).contains("old contents"));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  private static List<String> cookieLines(String text) {
    return text.lines().filter(l -> !l.isBlank() && (!l.startsWith("#") || l.startsWith("#HttpOnly_"))).sorted().toList();
  }

  private static List<String> describe(List<Cookie> cookies) {
    return cookies.stream().sorted(Comparator.comparing(Cookie::getName))
        .map(c -> String.join("|", c.getName(), c.getValue(), c.getDomain(), c.getPath(),
            String.valueOf(c.containsAttribute(Cookie.DOMAIN_ATTR)), String.valueOf(c.isSecure()),
            String.valueOf(c.isHttpOnly()), String.valueOf(c.getExpiryInstant())))
        .toList();
  }
}
