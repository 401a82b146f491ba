package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyServerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      http://proxy.example:3128               | proxy.example | 3128 | null  | null
      http://proxy.example:3128/              | proxy.example | 3128 | null  | null
      HTTP://Proxy.Example:8080               | proxy.example | 8080 | null  | null
      proxy.example:3128                      | proxy.example | 3128 | null  | null
      http://proxy.example                    | proxy.example | 1080 | null  | null
      http://alice:s3cret@proxy.example:3128  | proxy.example | 3128 | alice | s3cret
      http://alice:p%40ss%3Aword@10.0.0.1:80  | 10.0.0.1      | 80   | alice | p@ss:word
      http://alice@proxy.example:3128         | proxy.example | 3128 | alice | ''
      http://a:b@c@proxy.example:1            | proxy.example | 1    | a     | b@c
      http://[::1]:3128                       | ::1           | 3128 | null  | null
      '  http://proxy.example:3128  '         | proxy.example | 3128 | null  | null
      """)
  void readsAProxyUrl(String value, String host, int port, String user, String password) throws Exception {
    assertEquals(new ProxyServer(host, port, user, password), ProxyServer.parse(value, "--proxy"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      socks5://proxy.example:1080          | only http:// proxies are supported, not socks5://
      socks5h://u:pw@proxy.example:1080    | only http:// proxies are supported, not socks5h://
      https://proxy.example:443            | only http:// proxies are supported, not https://
      ftp://proxy.example                  | only http:// proxies are supported, not ftp://
      http://proxy.example:99999           | bad port 99999
      http://proxy.example:0               | bad port 0
      http://proxy.example:http            | bad port http
      http://:3128                         | no host
      http://                              | no host
      http://proxy.example:3128/some/path  | a proxy URL has no path
      http://[::1:3128                     | unclosed [
      http://pro xy.example:3128           | bad host name
      http://u:%zz@proxy.example:3128      | bad %-escape
      """)
  void refusesAProxyUrlItCannotUseAndSaysWhy(String value, String reason) {
    SetupException e = assertThrows(SetupException.class, () -> ProxyServer.parse(value, "https_proxy"));
    assertTrue(e.getMessage().startsWith("https_proxy: bad proxy URL "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void anErrorNamesTheValueButNeverThePassword() {
    SetupException e = assertThrows(SetupException.class,
        () -> ProxyServer.parse("socks5://alice:hunter2@proxy.example:1080", "ALL_PROXY"));
    assertEquals("ALL_PROXY: bad proxy URL socks5://alice:***@proxy.example:1080: only http:// proxies are supported,"
        + " not socks5://", e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void printsWithoutThePassword() throws Exception {
    ProxyServer p = ProxyServer.parse("http://alice:hunter2@proxy.example:3128", "--proxy");
    assertEquals("http://alice:***@proxy.example:3128", p.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://u:pw@h:1/      | http://u:***@h:1/
      u:pw@h:1              | u:***@h:1
      http://u@h:1          | http://u@h:1
      http://h:1            | http://h:1
      http://u:p:w@h:1      | http://u:***@h:1
      """)
  void redactsThePasswordOfAValue(String value, String redacted) {
    assertEquals(redacted, ProxyServer.redact(value));
  }
}
