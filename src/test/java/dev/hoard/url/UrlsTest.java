package dev.hoard.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      https://example.org/a b          | https://example.org/a%20b
      HTTP://example.org/x             | HTTP://example.org/x
      example.org/x                    | http://example.org/x
      localhost:8080/x                 | http://localhost:8080/x
      127.0.0.1:8080                   | http://127.0.0.1:8080
      http://bücher.example/f          | http://xn--bcher-kva.example/f
      http://u:p@bücher.example:81/f   | http://u:p@xn--bcher-kva.example:81/f
      http://h/caf\u00e9?q={x}         | http://h/caf%C3%A9?q=%7Bx%7D
      http://h/img[1].png              | http://h/img%5B1%5D.png
      http://h/api?ids[]=1&ids[]=2     | http://h/api?ids%5B%5D=1&ids%5B%5D=2
      http://[::1]:8080/a[b]           | http://[::1]:8080/a%5Bb%5D
      example.org/100%.txt             | http://example.org/100%25.txt
      http://h/a%zz%4                  | http://h/a%25zz%254
      http://h/ok%20%C3%A9             | http://h/ok%20%C3%A9
      """)
  void parsesWhatPeopleTypeIntoAnAbsoluteHttpUrl(String text, String expected) {
    assertEquals(expected, Urls.parseHttp(text).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ftp://h/x                | not an http or https URL: 'ftp://h/x'
      mailto:a@h               | not an http or https URL: 'mailto:a@h'
      http:///x                | URL has no host: 'http:///x'
      http://u:secret@/x       | URL has no host: 'http://u:***@/x'
      http://h:99999/x         | port 99999 is out of range (1-65535): 'http://h:99999/x'
      http://h:0/x             | port 0 is out of range (1-65535): 'http://h:0/x'
      """)
  void refusesWhatIsNotAnHttpUrlNamingTheTextWithoutItsPassword(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Urls.parseHttp(text)).getMessage());
  }

  @Test
  void dropsUserInfoBeforeARequest() {
    assertEquals("http://h:81/a?b", Urls.withoutUserInfo(URI.create("http://u:p%40x@h:81/a?b")).toString());
    assertEquals("http://h/", Urls.withoutUserInfo(URI.create("http://u@h")).toString());
    URI plain = URI.create("http://h/x");
    assertTrue(plain == Urls.withoutUserInfo(plain));
  }

  @Test
  void escapesOnlyWhatAUriMayNotHold() {
    assertEquals("/a%20b%22c%7C", Urls.escapeIllegal("/a b\"c|"));
    String clean = "/a/b?c=d&e=%41";
    assertTrue(clean == Urls.escapeIllegal(clean));
    assertFalse(Urls.escapeIllegal("/ü").contains("ü"));
    // a Location header: relative, or absolute with an IPv6 host whose brackets stay
    assertEquals("/a%5B1%5D?x=%25", Urls.escapeIllegal("/a[1]?x=%"));
    assertEquals("https://[2001:db8::1]/f%5B%5D", Urls.escapeIllegal("https://[2001:db8::1]/f[]"));
  }
}
