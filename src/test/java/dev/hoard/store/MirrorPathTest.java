package dev.hoard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MirrorPathTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://Example.COM                    | example.com/index.html
      http://example.com/                   | example.com/index.html
      http://h/a/b/                         | h/a/b/index.html
      http://h/a/b                          | h/a/b
      http://h/a/b/file.tar.gz              | h/a/b/file.tar.gz
      http://h:8080/x                       | h:8080/x
      http://h:80/x                         | h/x
      https://h:443/x                       | h/x
      https://h:80/x                        | h:80/x
      http://h:443/x                        | h:443/x
      http://[::1]:8080/x                   | [::1]:8080/x
      http://h/page.php?a=1&b=2             | h/page.php@a=1&b=2
      http://h/?q=a/b                       | h/index.html@q=a%2Fb.html
      http://h/dir/?q=1                     | h/dir/index.html@q=1.html
      http://h/_static/theme.css?2022.1     | h/_static/theme.css@2022.1.css
      http://h/s/Logo.SVG?x=1               | h/s/Logo.SVG@x=1.SVG
      http://h/a.htm?b                      | h/a.htm@b.htm
      http://h/app.js?v=3                   | h/app.js@v=3
      http://h/s.css                        | h/s.css
      http://h/p?                           | h/p
      http://h/p?q=%2F..%2F..%2Fetc         | h/p@q=%2F..%2F..%2Fetc
      http://h/p?q=../../x                  | h/p@q=..%2F..%2Fx
      http://h/caf%C3%A9%20menu.html        | h/café menu.html
      http://h/%E9t%E9.txt                  | h/%E9t%E9.txt
      http://h/a/../../../etc/passwd        | h/etc/passwd
      http://h/%2e%2e/%2E%2E/x              | h/x
      http://h/a/%2e%2e/b                   | h/b
      http://h/a/..                         | h/index.html
      http://h/a/.                          | h/a/index.html
      http://h/a%2Fb%5Cc                    | h/a_b_c
      http://h/a%2F..%2F..%2Fb              | h/a_.._.._b
      http://h/a%00b                        | h/a_b
      http://h/a%0A%0Db                     | h/a__b
      http://h/.git/config                  | h/_git/config
      http://h/.%2E.                        | h/_..
      http://h/-rf                          | h/_rf
      http://h/a//b                         | h/a/b
      http://user:pw@h/x#top                | h/x
      http://h/x#../../y                    | h/x
      http://h/%20/x                        | h/index.html/x
      """)
  void mapsUrlsAsWgetLaysThemOut(String url, String path) {
    assertEquals(Path.of(path), MirrorPath.of(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h/x", "/x", "x", "mailto:a@h", "file:///etc/passwd", "http:/x", "http:x"})
  void refusesWhatIsNotAnHttpUrlWithAHost(String url) {
    assertThrows(IllegalArgumentException.class, () -> MirrorPath.of(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://h/../../../../", "http://h/%2e%2e/%2e%2e/%2e%2e", "http://h/..%2f..%2f..%2fetc%2fpasswd",
      "http://h/..%5c..%5cwindows", "http://h/a/b/c/../../../../../../x?y=/../../z", "http://h/%c0%ae%c0%ae/x",
      "http://h/%2e%2e%00/x", "http://h/~/x", "http://h/%2Fetc%2Fpasswd", "http://h/./././", "http://h//etc/passwd"})
  void neverLeavesTheHostFolder(String url) {
    Path p = MirrorPath.of(URI.create(url));
    Path dir = Path.of("/downloads");

    assertFalse(p.isAbsolute(), p::toString);
    assertEquals(Path.of("h"), p.getName(0));
    for (Path element : p) {
      assertFalse(element.toString().equals("..") || element.toString().equals("."), p::toString);
    }
    assertTrue(dir.resolve(p).normalize().startsWith(dir.resolve("h")), p::toString);
  }
}
