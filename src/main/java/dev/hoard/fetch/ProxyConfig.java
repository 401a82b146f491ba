package dev.hoard.fetch;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;

/**
 * Which proxy, if any, each request goes through: {@code --proxy} when given, else the environment as curl reads
 * it ({@code http_proxy}, {@code https_proxy}/{@code HTTPS_PROXY}, {@code all_proxy}/{@code ALL_PROXY}, never
 * {@code HTTP_PROXY}, which a CGI server sets from a request's {@code Proxy:} header), minus the hosts of
 * {@code no_proxy}/{@code NO_PROXY}.
 */
public final class ProxyConfig {
  private final ProxyServer forHttp;
  private final ProxyServer forHttps;
  private final NoProxy direct;

  private ProxyConfig(ProxyServer forHttp, ProxyServer forHttps, NoProxy direct) {
    this.forHttp = forHttp;
    this.forHttps = forHttps;
    this.direct = direct;
  }

  /** Every request goes direct. */
  public static ProxyConfig none() {
    return new ProxyConfig(null, null, NoProxy.none());
  }

  /**
   * The proxies of a run.
   *
   * @param option the value of {@code --proxy}, or null
   * @param ignoreEnvironment {@code --no-proxy}: the environment is not read at all ({@code no_proxy} included)
   * @param env the process environment ({@code System.getenv()})
   * @throws SetupException for a proxy URL hoard cannot use, naming the option or variable it came from
   */
  public static ProxyConfig of(String option, boolean ignoreEnvironment, Map<String, String> env) throws SetupException {
    NoProxy direct = ignoreEnvironment ? NoProxy.none() : NoProxy.parse(firstSet(env, "no_proxy", "NO_PROXY").value());
    if (option != null) {
      ProxyServer server = ProxyServer.parse(option, "--proxy");
      return new ProxyConfig(server, server, direct);
    }
    if (ignoreEnvironment) return none();
    Variable all = firstSet(env, "all_proxy", "ALL_PROXY");
    Variable http = firstSet(env, "http_proxy");
    Variable https = firstSet(env, "https_proxy", "HTTPS_PROXY");
    return new ProxyConfig(server(http.isSet() ? http : all), server(https.isSet() ? https : all), direct);
  }

  /** The proxy for a request to {@code scheme://host}, or empty when it goes direct. */
  public Optional<ProxyServer> proxyFor(String scheme, String host) {
    ProxyServer server = "https".equals(scheme.toLowerCase(Locale.ROOT)) ? forHttps : forHttp;
    if (server == null || direct.matches(host)) return Optional.empty();
    return Optional.of(server);
  }

  /** Whether any request may go through a proxy. */
  public boolean isEmpty() {
    return forHttp == null && forHttps == null;
  }

  /**
   * Routes each request of {@code builder}'s client by its own host, and has a proxy that wants credentials get them
   * on the first request (Basic, as curl and wget send them), without waiting for a 407.
   */
  public void install(HttpClientBuilder builder) {
    if (isEmpty()) return;
    builder.setRoutePlanner(new ProxyRoutePlanner(this));
    builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), "hoard-proxy-credentials", new ProxyCredentials(this));
  }

  /** The proxy that {@code host} (a route's proxy host) is, or null. */
  ProxyServer serverAt(HttpHost host) {
    for (ProxyServer s : new ProxyServer[] {forHttp, forHttps}) {
      if (s != null && s.httpHost().equals(host)) return s;
    }
    return null;
  }

  @Override
  public String toString() {
    return "http: " + (forHttp == null ? "direct" : forHttp) + ", https: " + (forHttps == null ? "direct" : forHttps);
  }

  private static ProxyServer server(Variable v) throws SetupException {
    return v.isSet() ? ProxyServer.parse(v.value(), v.name()) : null;
  }

  /** The first of {@code names} set to a non-blank value in {@code env}; an empty value counts as unset. */
  private static Variable firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) return new Variable(name, value);
    }
    return new Variable(null, "");
  }

  private record Variable(String name, String value) {
    boolean isSet() {
      return name != null;
    }
  }
}
