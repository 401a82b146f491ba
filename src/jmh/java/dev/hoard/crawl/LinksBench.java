package dev.hoard.crawl;

import dev.hoard.url.UrlNormalizer;
import dev.hoard.url.UrlResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The links of one real page, as a crawl ({@code -r}) handles each page it saves: the page is {@code math.html} of the
 * Python documentation (107 KB; see {@code NOTICE} beside it) with 89 links that lead off the page, most of them
 * relative, besides some 220 to its own sections ({@code #math.ceil}, left out at once), served as
 * {@code http://127.0.0.1:8080/site/library/math.html}.
 *
 * <p>{@link UrlNormalizer} remembers the canonical forms it worked out, as the pages of a site repeat their links:
 * {@link #normalizeWarm} measures a page whose links were all met before, {@link #normalizeCold} one whose links are
 * all new (each round takes the links of the page from another folder of the site, more of them than it remembers).
 *
 * <p>A page is a big operation: the JIT needs more warm-up here than for the other benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LinksBench {
  private static final URI PAGE = URI.create("http://127.0.0.1:8080/site/library/math.html");
  /**
   * Folders the page is copied into for {@link #normalizeCold}: the links of all the others come between two rounds
   * of one folder, more than the normaliser keeps (16,384), so each round finds its links forgotten.
   */
  private static final int FOLDERS = 1_000;

  private String html;
  private Path file;
  /** The link values of the page, as written, with references resolved. */
  private String[] values;
  /** The same links resolved against the page, as the normaliser gets them. */
  private String[] absolute;
  /** The links of the page as if it lay in each of {@link #FOLDERS} folders. */
  private String[][] elsewhere;
  private int round;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] bytes;
    try (InputStream in = LinksBench.class.getResourceAsStream("math.html")) {
      if (in == null) throw new IOException("the fixture math.html is not on the class path");
      bytes = in.readAllBytes();
    }
    html = new String(bytes, StandardCharsets.UTF_8);
    file = Files.createTempFile("hoard-bench", ".html");
    Files.write(file, bytes);
    values = HtmlLinks.spots(html, PAGE).stream().map(s -> s.link().value()).toArray(String[]::new);
    if (values.length < 80) throw new IllegalStateException("the fixture has only " + values.length + " links");
    absolute = resolvedAgainst(PAGE.toString());
    elsewhere = new String[FOLDERS][];
    for (int i = 0; i < FOLDERS; i++) {
      elsewhere[i] = resolvedAgainst("http://127.0.0.1:8080/site" + i + "/library/math.html");
    }
  }

  private String[] resolvedAgainst(String base) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) out[i] = UrlResolver.resolve(base, values[i].strip());
    return out;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** What a crawl does with a saved page: read, decode, parse, resolve and normalise its links, drop repeats. */
  @Benchmark
  public List<Link> extract() throws IOException {
    return HtmlLinks.extract(file, "text/html", PAGE);
  }

  /** Parse, and every link with where its text lies (what {@code --convert-links} rewrites), from the text in hand. */
  @Benchmark
  public void spots(Blackhole bh) {
    // the spots are consumed here: their type is not public, and JMH's harness lives in another package
    bh.consume(HtmlLinks.spots(html, PAGE));
  }

  /** The parse alone, with positions tracked as {@link HtmlLinks} asks: what {@link #spots} costs beyond the links. */
  @Benchmark
  public Document parse() {
    return Jsoup.parse(html, PAGE.toString(), Parser.htmlParser().setTrackPosition(true));
  }

  /** Each link value of the page resolved against it and normalised: {@link Link#resolve}. */
  @Benchmark
  public void resolve(Blackhole bh) {
    String base = PAGE.toString();
    for (String v : values) bh.consume(Link.resolve(v, base, Link.Kind.PAGE));
  }

  /** The page's absolute links normalised, every one of them met before. */
  @Benchmark
  public void normalizeWarm(Blackhole bh) {
    for (String url : absolute) bh.consume(UrlNormalizer.normalize(url));
  }

  /** The page's absolute links normalised, none of them met recently (but the links off the site). */
  @Benchmark
  public void normalizeCold(Blackhole bh) {
    String[] urls = elsewhere[round];
    round = (round + 1) % FOLDERS;
    for (String url : urls) bh.consume(UrlNormalizer.normalize(url));
  }
}
