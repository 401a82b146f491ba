package dev.hoard.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyConfigTest {
  /** Environment from {@code NAME=value} pairs separated by {@code ;}. */
  private static Map<String, String> env(String pairs) {
    Map<String, String> env = new HashMap<>();
    if (pairs == null || pairs.isBlank()) return env;
    for (String p : pairs.split(";")) {
      int eq = p.indexOf('=');
      env.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    return env;
  }

  private static String route(String option, boolean noProxy, String environment, String url) throws Exception {
    java.net.URI u = java.net.URI.create(url);
    return ProxyConfig.of(option, noProxy, env(environment)).proxyFor(u.getScheme(), u.getHost())
        .map(p -> p.host() + ":" + p.port()).orElse("direct");
  }

  @ParameterizedTest(name = "[{index}] {2} {3}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      null      | false | ''                                        | http://a.test/  | direct
      null      | false | http_proxy=h:1                            | http://a.test/  | h:1
      null      | false | http_proxy=h:1                            | https://a.test/ | direct
      null      | false | HTTP_PROXY=h:1                            | http://a.test/  | direct
      null      | false | https_proxy=s:2                           | https://a.test/ | s:2
      null      | false | HTTPS_PROXY=s:2                           | https://a.test/ | s:2
      null      | false | https_proxy=s:2;HTTPS_PROXY=S:3           | https://a.test/ | s:2
      null      | false | https_proxy=s:2                           | http://a.test/  | direct
      null      | false | all_proxy=x:4                             | http://a.test/  | x:4
      null      | false | ALL_PROXY=x:4                             | https://a.test/ | x:4
      null      | false | all_proxy=x:4;ALL_PROXY=y:5               | https://a.test/ | x:4
      null      | false | all_proxy=x:4;http_proxy=h:1              | http://a.test/  | h:1
      null      | false | all_proxy=x:4;http_proxy=h:1              | https://a.test/ | x:4
      null      | false | all_proxy=x:4;HTTP_PROXY=h:1              | http://a.test/  | x:4
      null      | false | http_proxy=;all_proxy=x:4                 | http://a.test/  | x:4
      null      | false | http_proxy=h:1;no_proxy=a.test            | http://a.test/  | direct
      null      | false | http_proxy=h:1;NO_PROXY=a.test            | http://www.a.test/ | direct
      null      | false | http_proxy=h:1;no_proxy=b.test            | http://a.test/  | h:1
      null      | false | http_proxy=h:1;no_proxy=*                 | http://a.test/  | direct
      null      | false | http_proxy=h:1;no_proxy=b.test;NO_PROXY=a.test | http://a.test/ | h:1
      null      | true  | http_proxy=h:1;https_proxy=s:2;all_proxy=x:4 | http://a.test/  | direct
      null      | true  | all_proxy=x:4                             | https://a.test/ | direct
      p:9       | false | ''                                        | http://a.test/  | p:9
      p:9       | false | ''                                        | https://a.test/ | p:9
      p:9       | false | http_proxy=h:1;https_proxy=s:2            | https://a.test/ | p:9
      p:9       | false | no_proxy=a.test                           | http://a.test/  | direct
      p:9       | true  | no_proxy=a.test                           | http://a.test/  | p:9
      """)
  void picksTheProxyForEachRequestAsCurlReadsTheEnvironment(String option, boolean noProxy, String environment,
      String url, String expected) throws Exception {
    assertEquals(expected, route(option, noProxy, environment, url));
  }

  @Test
  void aBadProxyInTheEnvironmentIsAnErrorNamingTheVariable() {
    SetupException e = assertThrows(SetupException.class,
        () -> ProxyConfig.of(null, false, env("https_proxy=socks5://u:pw@s:1080")));
    assertTrue(e.getMessage().startsWith("https_proxy: "), e.getMessage());
    assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
  }

  @Test
  void aBadProxyOptionIsAnErrorNamingTheOption() {
    SetupException e = assertThrows(SetupException.class, () -> ProxyConfig.of("socks5://s:1080", false, env("")));
    assertTrue(e.getMessage().startsWith("--proxy: "), e.getMessage());
  }

  @Test
  void noProxyIgnoresEvenABadProxyVariable() throws Exception {
    assertTrue(ProxyConfig.of(null, true, env("all_proxy=socks5://s:1080")).isEmpty());
  }

  @Test
  void knowsTheProxyARouteGoesThrough() throws Exception {
    ProxyConfig config = ProxyConfig.of(null, false, env("http_proxy=http://u:pw@h:1;https_proxy=s:2"));
    assertEquals("u", config.serverAt(new org.apache.hc.core5.http.HttpHost("http", "h", 1)).user());
    assertEquals("s", config.serverAt(new org.apache.hc.core5.http.HttpHost("http", "s", 2)).host());
    assertEquals(null, config.serverAt(new org.apache.hc.core5.http.HttpHost("http", "h", 2)));
  }
}
