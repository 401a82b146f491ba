package dev.hoard.store;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The rules that turn a URL into a path inside the download folder, over a table of the names and URLs they meet:
 * plain ones mostly, and the cases the rules are there for (escapes, non-ASCII, dot files, over-long names, queries).
 * Each operation is the whole table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NameRulesBench {
  /** Names as {@code out=} or a server's {@code Content-Disposition} give them, already decoded. */
  private final String[] names = {
    "report-2024.pdf",
    "f001234.bin",
    "index.html",
    "Python-3.11.2.tar.xz",
    "annual report (final).docx",
    "café menu.html",
    "データ.csv",
    "../../etc/passwd",
    ".bashrc",
    "-rf",
    "data.part",
    "a".repeat(300) + ".tar.gz",
  };

  /** Raw URL paths, whose last segment names the file when nothing else does. */
  private final String[] paths = {
    "/tiny/f001234.bin",
    "/small/f000042.bin",
    "/downloads/Python-3.11.2.tar.xz",
    "/site/library/math.html",
    "/docs/",
    "/files/annual%20report%20%28final%29.docx",
    "/menu/caf%C3%A9.html",
    "/a/%2e%2e%2fetc%2fpasswd",
    "/latin/%E9t%E9.txt",
    "",
  };

  /** URLs a crawl ({@code -r}) mirrors. */
  private final URI[] urls = {
    URI.create("http://127.0.0.1:8080/site/library/math.html"),
    URI.create("http://127.0.0.1:8080/site/_static/pygments.css"),
    URI.create("http://127.0.0.1:8080/site/library/"),
    URI.create("http://127.0.0.1:8080/site/genindex-M.html"),
    URI.create("https://docs.example.org/3/whatsnew/3.11.html"),
    URI.create("http://example.com/page.php?a=1&b=2"),
    URI.create("http://example.com/?q=a/b"),
    URI.create("http://example.com/caf%C3%A9%20menu.html"),
    URI.create("http://example.com/a/../../../etc/passwd"),
    URI.create("http://[::1]:8080/x/.git/config"),
  };

  @Benchmark
  public void safeName(Blackhole bh) {
    for (String name : names) bh.consume(SafeName.of(name));
  }

  @Benchmark
  public void fromPath(Blackhole bh) {
    for (String path : paths) bh.consume(SafeName.fromPath(path));
  }

  @Benchmark
  public void mirrorPath(Blackhole bh) {
    for (URI url : urls) bh.consume(MirrorPath.of(url));
  }
}
