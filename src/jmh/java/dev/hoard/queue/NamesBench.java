package dev.hoard.queue;

import dev.hoard.store.MirrorPath;
import dev.hoard.store.SafeName;
import java.io.File;
import java.net.URI;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A run's naming authority handing out paths as the scheduler asks for them (the folders made free, then the path
 * reserved), with nothing on disk: a list of 1,000 files of distinct names, 256 URLs that all want one name (each
 * numbered past those before it), and the mirror tree of a 1,000-page crawl, its paths made by {@link MirrorPath}.
 * Each operation starts from a fresh authority, as a run does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NamesBench {
  private static final int FILES = 1_000;
  private static final int COLLIDING = 256;

  private String[] listUrls;
  private String[] listPaths;
  private String[] collidingUrls;
  private URI[] siteUrls;

  @Setup(Level.Trial)
  public void setUp() {
    listUrls = new String[FILES];
    listPaths = new String[FILES];
    siteUrls = new URI[FILES];
    for (int i = 0; i < FILES; i++) {
      listPaths[i] = String.format("/tiny/f%06d.bin", i);
      listUrls[i] = "http://127.0.0.1:8080" + listPaths[i];
      // a documentation site: a few folders, one level down, and their index pages
      String page = i % 50 == 0 ? "" : String.format("page-%04d.html", i);
      siteUrls[i] = URI.create("http://127.0.0.1:8080/site/part" + (i % 20) + "/" + page);
    }
    collidingUrls = new String[COLLIDING];
    for (int i = 0; i < COLLIDING; i++) collidingUrls[i] = "http://127.0.0.1:8080/download?id=" + i;
  }

  @Benchmark
  public void list(Blackhole bh) {
    Names names = new Names(Names.Disk.EMPTY);
    for (int i = 0; i < FILES; i++) bh.consume(name(names, SafeName.fromPath(listPaths[i]), listUrls[i]));
  }

  @Benchmark
  public void colliding(Blackhole bh) {
    Names names = new Names(Names.Disk.EMPTY);
    for (String url : collidingUrls) bh.consume(name(names, SafeName.fromPath("/download"), url));
  }

  @Benchmark
  public void mirror(Blackhole bh) {
    Names names = new Names(Names.Disk.EMPTY);
    for (URI url : siteUrls) {
      String wanted = MirrorPath.of(url).toString().replace(File.separatorChar, '/');
      bh.consume(name(names, wanted, url.toString()));
    }
  }

  /** What the scheduler does for one job: no file of the run may stand where a folder of the path must be. */
  private static String name(Names names, String wanted, String url) {
    if (names.fileInTheWay(wanted) != null) throw new IllegalStateException("a file in the way of " + wanted);
    return names.reserve(wanted, url);
  }
}
