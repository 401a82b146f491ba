package dev.hoard.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      HTTP://Example.COM                     | http://example.com/
      http://example.com?x                   | http://example.com/?x
      http://h:80/a                          | http://h/a
      https://h:443/a                        | https://h/a
      http://h:443/a                         | http://h:443/a
      https://h:80/a                         | https://h:80/a
      http://h:8080/a                        | http://h:8080/a
      http://h:/a                            | http://h/a
      http://h/a/./b/../c                    | http://h/a/c
      http://h/a/b/..                        | http://h/a/
      http://h/a/.                           | http://h/a/
      http://h/../../etc/passwd              | http://h/etc/passwd
      http://h/a#top                         | http://h/a
      http://h/#                             | http://h/
      http://h/%7euser/%2e%2e/x%2fy          | http://h/x%2Fy
      http://h/a%2Db                         | http://h/a-b
      http://h/100%                          | http://h/100%25
      http://h/a b^c                         | http://h/a%20b%5Ec
      http://h/a//b                          | http://h/a//b
      http://h/a?b=1&c=/d?e                  | http://h/a?b=1&c=/d?e
      http://h/p?q=%7e                       | http://h/p?q=~
      http://user:pw@H/x                     | http://user:pw@h/x
      http://[::1]:8080/z                    | http://[::1]:8080/z
      http://192.168.0.1:80/                 | http://192.168.0.1/
      ' http://h/x '                         | http://h/x
      """)
  void normalises(String in, String out) {
    assertEquals(URI.create(out), UrlNormalizer.normalize(in));
  }

  @Test
  void encodesNonAsciiAsUtf8() {
    assertEquals(URI.create("http://h/caf%C3%A9%20x?q=%C3%A9"), UrlNormalizer.normalize("http://h/café x?q=é"));
  }

  @Test
  void writesInternationalHostsAsPunycode() {
    assertEquals(URI.create("http://xn--bcher-kva.de/"), UrlNormalizer.normalize("http://Bücher.de"));
  }

  @Test
  void dropsTabsAndNewlinesLikeBrowsers() {
    assertEquals(URI.create("http://h/ab"), UrlNormalizer.normalize("http://h/a\n\tb"));
  }

  @Test
  void acceptsAUriObject() {
    assertEquals(URI.create("http://h/a"), UrlNormalizer.normalize(URI.create("HTTP://H:80/x/../a#f")));
    assertNull(UrlNormalizer.normalize((URI) null));
  }

  @Test
  void isIdempotent() {
    URI once = UrlNormalizer.normalize("http://H/a/../b c/%7e?x=é#f");
    assertEquals(once, UrlNormalizer.normalize(once));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mailto:x@h", "javascript:void(0)", "data:text/plain,x", "ftp://h/f", "file:///etc/passwd",
      "http:/x", "http:x", "//h/x", "/relative", "#frag", "", "http://", "http:///x", "http://h:99999/",
      "http://h:8o/", "http://[::1/", "http://bad_host/x"})
  void rejectsWhatIsNotAnAbsoluteHttpUrlWithAHost(String in) {
    assertNull(UrlNormalizer.normalize(in));
  }

  @Test
  void answersARepeatedUrlAsTheFirstTimeIncludingARefusal() {
    for (int i = 0; i < 3; i++) {
      assertEquals(URI.create("http://h/a/c"), UrlNormalizer.normalize("HTTP://H:80/a/./b/../c#x"));
      assertNull(UrlNormalizer.normalize("mailto:x@h"));
    }
  }
}
