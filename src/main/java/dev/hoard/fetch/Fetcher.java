package dev.hoard.fetch;

import dev.hoard.report.Exchange;
import dev.hoard.url.Redact;
import dev.hoard.url.Urls;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * Opens one request and follows its redirects under hoard's rules: at most {@value #MAX_REDIRECTS}, http and https
 * only, a loop fails, and {@link HomeHeaders} go only to their own origin. HttpClient's own redirect handling is off
 * because it copies every request header to the next hop.
 */
public final class Fetcher {
  static final int MAX_REDIRECTS = 10;

  /** Hears of each request once its answer's head came, or it failed: redirects and retries each count. */
  @FunctionalInterface
  public interface Observer {
    void exchanged(Exchange exchange);

    Observer NONE = exchange -> {};
  }

  private final Http http;
  private final Observer observer;
  /** Requests sent and still waiting for their answer's head: what {@link #cancelPending} cuts short. */
  private final Set<HttpUriRequestBase> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  public Fetcher(Http http) {
    this(http, Observer.NONE);
  }

  /** A fetcher that tells {@code observer} of every request it sends ({@code -v}). */
  public Fetcher(Http http, Observer observer) {
    this.http = http;
    this.observer = observer;
  }

  public Http http() {
    return http;
  }

  /**
   * Sends {@code method} to {@code url} with {@code headers} (for example Range and If-Range, sent at every hop) and
   * {@code home} (sent only to its origin), follows redirects, and returns the final response, whatever its status.
   */
  public Response open(String method, URI url, List<Header> headers, HomeHeaders home) throws IOException {
    return open(method, url, headers, home, null);
  }

  /**
   * As {@link #open(String, URI, List, HomeHeaders)}, all of it (redirects and the returned response's body
   * included) cut short when {@code deadline} passes: it then fails with a {@link java.net.SocketTimeoutException}.
   */
  public Response open(String method, URI url, List<Header> headers, HomeHeaders home, Deadline deadline)
      throws IOException {
    URI current = url;
    Set<String> seen = new HashSet<>();
    String verb = method;
    for (int hop = 0; ; hop++) {
      checkScheme(current);
      if (!seen.add(Urls.withoutUserInfo(current).toString())) throw new GiveUpException("redirect loop at " + Urls.withoutUserInfo(current));
      HttpUriRequestBase request = new HttpUriRequestBase(verb, Urls.withoutUserInfo(current));
      request.setHeader("Accept-Encoding", "identity");
      for (Header h : headers) request.setHeader(h.name(), h.value());
      if (home.appliesTo(current)) {
        for (Header h : home.headers()) request.addHeader(h.name(), h.value());
      }
      // credentials of a netrc go to the host it names, looked up again at every hop: never carried elsewhere
      if (!request.containsHeader("Authorization")) {
        Optional<String> login = http.network().netrc().authorization(current);
        if (login.isPresent()) request.setHeader("Authorization", login.get());
      }
      ClassicHttpResponse raw;
      if (deadline != null && deadline.passed()) throw deadline.exceeded();
      Alarm alarm = Alarm.at(deadline, request::cancel);
      pending.add(request);
      long sent = System.nanoTime();
      try {
        if (cancelled) throw new InterruptedIOException("stopped");
        raw = http.client.executeOpen(null, request, null);
      } catch (CancellationException | IOException e) {
        alarm.disarm();
        // a request cut by its deadline failed on time, whatever the client reports for the cut
        IOException failure = alarm.rang() ? alarm.exceeded()
            // a stop cancels a request still waiting for a pooled connection: that is an interruption, not a bug
            : e instanceof IOException io ? io : new InterruptedIOException("interrupted");
        failure = viaProxy(current, failure);
        told(verb, current, headers, sent, null, failure);
        throw failure;
      } finally {
        pending.remove(request);
      }
      told(verb, current, headers, sent, raw, null);
      Response response = new Response(current, request, raw, alarm);
      int code = raw.getCode();
      String location = response.header("Location");
      if (!isRedirect(code) || location == null) return response;
      response.close();
      if (hop >= MAX_REDIRECTS) throw new GiveUpException("too many redirects (more than " + MAX_REDIRECTS + ")");
      current = resolve(current, location);
      if (code == 303 && !verb.equals("HEAD")) verb = "GET";
    }
  }

  private void told(String method, URI url, List<Header> headers, long sent, ClassicHttpResponse raw,
      IOException failure) {
    if (observer == Observer.NONE) return;
    String range = null;
    for (Header h : headers) if (h.name().equalsIgnoreCase("Range")) range = h.value();
    long ms = (System.nanoTime() - sent) / 1_000_000;
    observer.exchanged(new Exchange(method, Redact.url(url), range, raw == null ? 0 : raw.getCode(),
        raw == null ? null : raw.getReasonPhrase(), ms, failure == null ? null : Failure.describe(failure)));
  }

  /**
   * Cancels every request still waiting for its answer, and fails every later one at once: the run is stopping, and
   * a server slow to answer must not hold it up.
   */
  public void cancelPending() {
    cancelled = true;
    for (HttpUriRequestBase r : pending) r.cancel();
  }

  /** {@code failure} naming the proxy when it was the proxy {@code url} goes through that refused to connect. */
  private IOException viaProxy(URI url, IOException failure) {
    if (!(failure instanceof ConnectException refused)) return failure;
    Optional<ProxyServer> proxy = http.network().proxies().proxyFor(url.getScheme(), url.getHost());
    return proxy.isPresent() ? new ProxyRefusedException(proxy.get(), refused) : failure;
  }

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  static URI resolve(URI base, String location) throws GiveUpException {
    try {
      return base.resolve(new URI(Urls.escapeIllegal(location.trim())));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new GiveUpException("bad redirect Location: " + location);
    }
  }

  static void checkScheme(URI url) throws GiveUpException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new GiveUpException("refusing to follow a redirect to a " + (scheme.isEmpty() ? "relative" : scheme) + " URL");
    }
    if (url.getHost() == null) throw new GiveUpException("URL has no host: " + Urls.withoutUserInfo(url));
    if (!Urls.portInRange(url.getPort())) {
      throw new GiveUpException("port " + url.getPort() + " is out of range (1-65535): " + Urls.withoutUserInfo(url));
    }
  }
}
