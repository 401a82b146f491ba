package dev.hoard.crawl;

import crawlercommons.mimetypes.MimeTypeDetector;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.hoard.url.UrlNormalizer;
import dev.hoard.url.UrlResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Finds the pages a host lists in its sitemaps ({@code --sitemap}): the sitemaps named by the {@code Sitemap:} lines
 * of its robots.txt, else {@code /sitemap.xml}; sitemap indexes are followed to any depth and gzipped sitemaps read
 * (XML, plain text, RSS and Atom, parsed by crawler-commons). A hostile or broken server cannot trap it: at most
 * {@value #MAX_SITEMAPS} sitemaps are fetched, {@value #MAX_URLS} URLs given and {@value #MAX_BYTES} bytes of each
 * sitemap read (uncompressed); each sitemap at most once. A sitemap that cannot be fetched or parsed is a problem
 * reported in the outcome, and the others are still read.
 *
 * <p>The URLs given are http(s), in {@link UrlNormalizer} form, in sitemap order, not deduplicated and not checked
 * against the crawl's scope or robots.txt: that is the caller's. Instances hold no state between walks.
 */
public final class Sitemaps {
  /** Sitemaps fetched at most in one walk, indexes included. */
  public static final int MAX_SITEMAPS = 1000;

  /** URLs given at most by one walk. */
  public static final long MAX_URLS = 1_000_000;

  /** Bytes of one sitemap read at most, after gunzip: the limit of sitemaps.org. */
  public static final int MAX_BYTES = 50 << 20;

  /**
   * What a server answered.
   *
   * @param status the HTTP status code
   * @param body the body (empty for none); not copied
   * @param contentType the {@code Content-Type} value, or null
   */
  public record Answer(int status, byte[] body, String contentType) {
    public Answer {
      Objects.requireNonNull(body, "body");
    }
  }

  /** Fetches robots.txt and sitemaps, so that no HTTP code lives in the crawl package. */
  @FunctionalInterface
  public interface Source {
    /**
     * Fetches {@code url} with a GET, following redirects. The body may be cut after {@code maxBytes + 1} bytes: the
     * byte past {@code maxBytes} only tells that there was more.
     *
     * @throws IOException when no answer came
     */
    Answer fetch(URI url, int maxBytes) throws IOException, InterruptedException;
  }

  /**
   * What one walk did.
   *
   * @param sitemaps the sitemaps fetched (indexes included)
   * @param urls the URLs given
   * @param problems one message per sitemap that could not be fetched or read, or per limit reached, naming it
   */
  public record Outcome(int sitemaps, long urls, List<String> problems) {
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  private static final byte[] GZIP_MAGIC = {(byte) 0x1F, (byte) 0x8B};

  private final Source source;
  private final int maxSitemaps;
  private final long maxUrls;
  private final int maxBytes;

  public Sitemaps(Source source) {
    this(source, MAX_SITEMAPS, MAX_URLS, MAX_BYTES);
  }

  Sitemaps(Source source, int maxSitemaps, long maxUrls, int maxBytes) {
    this.source = Objects.requireNonNull(source, "source");
    this.maxSitemaps = maxSitemaps;
    this.maxUrls = maxUrls;
    this.maxBytes = maxBytes;
  }

  /**
   * Gives {@code each} the page URLs of the sitemaps of {@code start}'s origin, as each sitemap is read.
   *
   * @param start any http(s) URL of the host (scheme, host and port count)
   * @throws InterruptedException when interrupted while fetching; the URLs given so far stay given
   * @throws IllegalArgumentException when {@code start} is not an http(s) URL with a host
   */
  public Outcome walk(URI start, Consumer<URI> each) throws InterruptedException {
    String robotsUrl = Robots.robotsUrl(start);
    List<String> problems = new ArrayList<>();
    Deque<URI> queue = new ArrayDeque<>();
    Set<URI> seen = new HashSet<>();
    for (String s : robotsSitemaps(robotsUrl, problems)) {
      URI u = UrlNormalizer.normalize(UrlResolver.resolve(robotsUrl, s));
      if (u != null && seen.add(u)) queue.add(u);
    }
    boolean fallback = queue.isEmpty();
    if (fallback) {
      URI u = URI.create(robotsUrl.substring(0, robotsUrl.length() - "robots.txt".length()) + "sitemap.xml");
      seen.add(u);
      queue.add(u);
    }

    SiteMapParser parser = new SiteMapParser(false, true);
    int fetched = 0;
    long given = 0;
    while (!queue.isEmpty()) {
      if (fetched >= maxSitemaps) {
        problems.add("stopped after " + maxSitemaps + " sitemaps of " + start.getHost() + "; " + queue.size()
            + " more were listed");
        break;
      }
      URI url = queue.poll();
      fetched++;
      AbstractSiteMap map = read(parser, url, fallback, problems);
      if (map == null) continue;
      if (map instanceof SiteMapIndex index) {
        for (AbstractSiteMap child : index.getSitemaps()) {
          URI u = child.getUrl() == null ? null : UrlNormalizer.normalize(child.getUrl().toString());
          if (u != null && seen.add(u)) queue.add(u);
        }
      } else if (map instanceof SiteMap sitemap) {
        for (SiteMapURL entry : sitemap.getSiteMapUrls()) {
          URI u = entry.getUrl() == null ? null : UrlNormalizer.normalize(entry.getUrl().toString());
          if (u == null) continue;
          if (given >= maxUrls) {
            problems.add("stopped after " + maxUrls + " URLs from the sitemaps of " + start.getHost());
            return new Outcome(fetched, given, problems);
          }
          each.accept(u);
          given++;
        }
      }
    }
    return new Outcome(fetched, given, problems);
  }

  /** The {@code Sitemap:} lines of the robots.txt at {@code robotsUrl}; none when it cannot be read. */
  private List<String> robotsSitemaps(String robotsUrl, List<String> problems) throws InterruptedException {
    Answer a;
    try {
      a = source.fetch(URI.create(robotsUrl), Robots.MAX_BYTES);
    } catch (IOException e) {
      problems.add("robots.txt " + robotsUrl + " could not be fetched for its sitemaps: " + e.getMessage());
      return List.of();
    }
    if (a.status() < 200 || a.status() >= 300) return List.of();
    byte[] body = a.body().length > Robots.MAX_BYTES ? Arrays.copyOf(a.body(), Robots.MAX_BYTES) : a.body();
    BaseRobotRules rules =
        new SimpleRobotRulesParser().parseContent(robotsUrl, body, a.contentType(), List.of(Robots.AGENT));
    return rules.getSitemaps();
  }

  /** The sitemap at {@code url} parsed, or null (with a problem added) when it cannot be fetched or read. */
  private AbstractSiteMap read(SiteMapParser parser, URI url, boolean fallback, List<String> problems)
      throws InterruptedException {
    Answer a;
    try {
      a = source.fetch(url, maxBytes);
    } catch (IOException e) {
      problems.add("sitemap " + url + " could not be fetched: " + e.getMessage());
      return null;
    }
    if (a.status() < 200 || a.status() >= 300) {
      problems.add(fallback
          ? "no sitemap: robots.txt names none and " + url + " answered HTTP " + a.status()
          : "sitemap " + url + " answered HTTP " + a.status());
      return null;
    }
    byte[] body = a.body();
    boolean cut = body.length > maxBytes;
    if (cut) body = Arrays.copyOf(body, maxBytes);
    if (startsWith(body, GZIP_MAGIC)) {
      try {
        Gunzipped g = gunzip(body, maxBytes);
        body = g.bytes;
        cut |= g.cut;
      } catch (IOException e) {
        problems.add("sitemap " + url + " is not valid gzip: " + e.getMessage());
        return null;
      }
    }
    if (cut) problems.add("sitemap " + url + " is larger than " + maxBytes + " bytes: only its start was read");
    MimeTypeDetector detector = new MimeTypeDetector();
    String type = detector.detect(body);
    if (type == null) type = mediaType(a.contentType());
    if (detector.isGzip(type)) {
      problems.add("sitemap " + url + " is gzipped twice");
      return null;
    }
    try {
      return parser.parseSiteMap(type, body, toUrl(url));
    } catch (UnknownFormatException | IOException e) {
      problems.add("sitemap " + url + " could not be read: " + e.getMessage());
      return null;
    }
  }

  private record Gunzipped(byte[] bytes, boolean cut) {}

  /** The first {@code max} bytes gzip data expands to; a stream cut short gives what it held. */
  private static Gunzipped gunzip(byte[] gz, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        int room = max - out.size();
        out.write(buffer, 0, Math.min(n, room));
        if (n > room) return new Gunzipped(out.toByteArray(), true);
      }
    } catch (EOFException e) {
      // the compressed bytes were cut: keep what they held
      if (out.size() == 0) throw e;
      return new Gunzipped(out.toByteArray(), true);
    }
    return new Gunzipped(out.toByteArray(), false);
  }

  /** The media type of a {@code Content-Type} value, lower-case without parameters; a type no parser reads if null. */
  private static String mediaType(String contentType) {
    if (contentType == null) return "application/octet-stream";
    return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static boolean startsWith(byte[] body, byte[] prefix) {
    return body.length >= prefix.length && Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static URL toUrl(URI url) throws UnknownFormatException {
    try {
      return url.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new UnknownFormatException("not a URL: " + url);
    }
  }
}
