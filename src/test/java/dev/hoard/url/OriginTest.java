package dev.hoard.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://Example.COM/x        | http://example.com:80    | example.com      | http://example.com
      https://example.com/        | https://example.com:443  | example.com      | https://example.com
      http://u:p@example.com:8080/ | http://example.com:8080 | example.com:8080 | http://example.com:8080
      http://h:443/               | http://h:443             | h:443            | http://h:443
      https://h:443/              | https://h:443            | h                | https://h
      http://[::1]:8080/x         | http://[::1]:8080        | [::1]:8080       | http://[::1]:8080
      """)
  void isSchemeHostAndPortWithTheDefaultPortMadeExplicit(String url, String origin, String authority, String root) {
    Origin o = Origin.of(URI.create(url));
    assertEquals(origin, o.toString());
    assertEquals(authority, o.authority());
    assertEquals(root, o.root());
  }
}
