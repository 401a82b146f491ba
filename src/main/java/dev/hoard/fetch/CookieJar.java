package dev.hoard.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.cookie.CookieSpec;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.cookie.MalformedCookieException;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.CookieSpecSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Lookup;

/**
 * The cookies of a run: those loaded from {@code --load-cookies} and those servers set, sent back on every later
 * request (pieces and redirect hops included) as RFC 6265 matches them by domain, path, {@code Secure} and expiry.
 */
public final class CookieJar {
  /**
   * The cookie rules HttpClient applies: RFC 6265 as a user agent follows it (section 5), whose date algorithm reads
   * an {@code Expires} date in any of the forms servers send. HttpClient's {@link StandardCookieSpec#STRICT} spec
   * knows three date patterns only and drops the whole cookie for another, such as the asctime form
   * {@code Wed Oct 21 07:28:00 2037}. Domain, path, Secure and expiry matching are the same in both.
   */
  public static final String SPEC = StandardCookieSpec.RELAXED;

  private final BasicCookieStore store;
  private final Clock clock;

  private CookieJar(BasicCookieStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A jar with no cookie yet. */
  public static CookieJar empty() {
    return new CookieJar(new BasicCookieStore(), Clock.systemUTC());
  }

  /**
   * A jar holding the unexpired cookies of {@code file} ({@code --load-cookies}).
   *
   * @throws SetupException when the file cannot be read or a line is malformed, naming the file and line
   */
  public static CookieJar load(Path file) throws SetupException {
    CookieJar jar = empty();
    CookieFile.load(file, jar.store, jar.clock.instant());
    return jar;
  }

  /** Writes every unexpired cookie, session ones too, to {@code file}, readable by its owner only ({@code --save-cookies}). */
  public void save(Path file) throws IOException {
    CookieFile.save(store, file, clock.instant());
  }

  public CookieStore store() {
    return store;
  }

  /**
   * Has {@code builder}'s client keep and send cookies with this jar's store and HttpClient's cookie specs (whose
   * public suffix list stops a server from setting a cookie for all of {@code co.uk}); the builder must not call
   * {@code disableCookieManagement()}, and the request config must name {@link #SPEC} ({@link #configure}).
   */
  public void install(HttpClientBuilder builder) {
    builder.setDefaultCookieStore(store).setDefaultCookieSpecRegistry(new LazySpecs());
  }

  /** Sets {@link #SPEC} as the cookie spec of {@code config}. */
  public static RequestConfig.Builder configure(RequestConfig.Builder config) {
    return config.setCookieSpec(SPEC);
  }

  /**
   * HttpClient's cookie specs, built when a cookie first needs one: loading the public suffix list takes a fifth of a
   * second, which a run whose servers set no cookie should not pay. HttpClient looks a spec up for every request, but
   * calls it only when the store holds cookies or a response sets one: the spec handed out builds the real one then.
   */
  private static final class LazySpecs implements Lookup<CookieSpecFactory> {
    private volatile Lookup<CookieSpecFactory> real;

    private Lookup<CookieSpecFactory> real() {
      Lookup<CookieSpecFactory> r = real;
      if (r == null) {
        synchronized (this) {
          if (real == null) real = CookieSpecSupport.createDefault();
          r = real;
        }
      }
      return r;
    }

    @Override
    public CookieSpecFactory lookup(String name) {
      return context -> new LazySpec(() -> real().lookup(name).create(context));
    }
  }

  /** A cookie spec made on its first use. */
  private static final class LazySpec implements CookieSpec {
    private final Supplier<CookieSpec> make;
    private CookieSpec spec;

    LazySpec(Supplier<CookieSpec> make) {
      this.make = make;
    }

    private CookieSpec spec() {
      if (spec == null) spec = make.get();
      return spec;
    }

    @Override
    public List<Cookie> parse(Header header, CookieOrigin origin) throws MalformedCookieException {
      return spec().parse(header, origin);
    }

    @Override
    public void validate(Cookie cookie, CookieOrigin origin) throws MalformedCookieException {
      spec().validate(cookie, origin);
      // HttpClient's spec keeps a cookie for a public suffix (Domain=co.uk) and only declines to send it: refused here,
      // it never reaches the store, nor the --save-cookies file (RFC 6265 5.3, step 5)
      String domain = cookie.getDomain();
      if (domain != null && !domain.equalsIgnoreCase(origin.getHost())
          && PublicSuffixMatcherLoader.getDefault().matches(domain)) {
        throw new MalformedCookieException("cookie domain is a public suffix: " + domain);
      }
    }

    @Override
    public boolean match(Cookie cookie, CookieOrigin origin) {
      return spec().match(cookie, origin);
    }

    @Override
    public List<Header> formatCookies(List<Cookie> cookies) {
      return spec().formatCookies(cookies);
    }
  }
}
