package dev.hoard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  // small and fast; the pools still run as in the real demo
  private static final String[] SMALL = {"--files", "3", "--size", "64K", "--rate", "4M"};
  private static final Pattern ROW = Pattern.compile(
      "(serial|outer pool|inner pool|both pools) +(\\d+) +(\\d+) +\\d+\\.\\d s +\\d+\\.\\d +(\\d+\\.\\dx)");

  @TempDir Path scratch;

  private Hoard.Result demo(String... more) {
    String[] args = Stream.of(new String[] {"demo", "--scratch-root", scratch.toString()}, SMALL, more)
        .flatMap(Stream::of).toArray(String[]::new);
    return Hoard.run(args);
  }

  @Test
  void downloadsTheFilesFourWaysVerifiesThemCrawlsAndLeavesNothingBehind() throws IOException {
    Hoard.Result run = demo().exits(0);

    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).matches("way +-j +-x +time +MiB/s +speed-up"), run.out());
    List<String> ways = List.of("serial 1 1", "outer pool 4 1", "inner pool 1 4", "both pools 4 4");
    for (int i = 0; i < ways.size(); i++) {
      var m = ROW.matcher(lines.get(i + 1));
      assertTrue(m.matches(), "not a row with a speed-up: " + lines.get(i + 1));
      assertEquals(ways.get(i), m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    assertTrue(lines.get(1).endsWith(" 1.0x"), "serial is the baseline: " + lines.get(1));
    assertTrue(run.out().contains("all 12 downloads verified"), run.out());
    assertTrue(run.out().contains("crawl -r: 12 pages and 4 files found"), run.out());
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "the scratch folder is removed");
    }
  }

  @Test
  void saysOnStandardErrorWhichStepRuns() {
    Hoard.Result run = demo().exits(0);

    run.errContains("[1/5] serial, -j 1 -x 1", "[2/5] outer pool, -j 4 -x 1", "[3/5] inner pool, -j 1 -x 4",
        "[4/5] both pools, -j 4 -x 4", "[5/5] crawl, -r");
    assertTrue(!run.out().contains("hoard demo:"), "steps stay off standard output: " + run.out());
  }

  @Test
  void keepsTheDownloadsInAFolderPerWay(@TempDir Path keep) throws IOException {
    demo("--keep", keep.toString()).exits(0);

    for (String way : List.of("serial", "outer", "inner", "both")) {
      for (int i = 1; i <= 3; i++) {
        Path file = keep.resolve(way).resolve("file-0" + i + ".bin");
        assertEquals(64 * 1024, Files.size(file), file.toString());
      }
    }
    try (Stream<Path> pages = Files.walk(keep.resolve("crawl"))) {
      assertEquals(12, pages.filter(p -> p.toString().endsWith(".html")).count());
    }
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "nothing goes to the scratch folder when kept");
    }
  }

  @Test
  void runsAgainIntoTheSameKeptFolderCheckingOnlyItsOwnCrawl(@TempDir Path keep) throws IOException {
    // each run's server takes a new port, so each run's crawl lands in a host folder of its own
    Path mine = keep.resolve("crawl/mine.html");
    for (int run = 1; run <= 3; run++) {
      // the smallest demo: the crawl, the step checked here, is the same whatever the files
      Hoard.Result result = Hoard.run("demo", "--scratch-root", scratch.toString(), "--files", "1", "--size", "4K",
          "--rate", "0", "--keep", keep.toString());
      result.exits(0);
      assertTrue(result.out().contains("crawl -r: 12 pages and 4 files found"), "run " + run + ":\n" + result.out());
      // a page put there by someone else after the first run is neither counted nor removed
      if (run == 1) Files.writeString(mine, "not the demo's");
    }

    try (Stream<Path> hosts = Files.list(keep.resolve("crawl"))) {
      assertEquals(3, hosts.filter(Files::isDirectory).count(), "each run's crawl is kept");
    }
    assertEquals("not the demo's", Files.readString(mine), "what the demo did not write is left alone");
  }

  @Test
  void aKeptFolderLosesNothingOfItsOwnToTheWarmUp(@TempDir Path keep) throws IOException {
    Path yours = keep.resolve("warm-up/notes.txt");
    Files.createDirectories(yours.getParent());
    Files.writeString(yours, "the user's");

    Hoard.run("demo", "--scratch-root", scratch.toString(), "--files", "1", "--size", "4K", "--rate", "0", "--keep",
        keep.toString()).exits(0);

    assertEquals("the user's", Files.readString(yours), "the warm-up runs in a scratch folder of its own");
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(0, left.count(), "the warm-up's scratch folder is removed");
    }
  }

  @Test
  void anInterruptedDemoExits130AndRemovesItsFolder() throws IOException {
    Interrupt interrupt = new Interrupt();
    interrupt.raise();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Cli.run(new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(), interrupt, false, Map.of(),
        Stream.concat(Stream.of("demo", "--scratch-root", scratch.toString()), Stream.of(SMALL))
            .toArray(String[]::new));

    assertEquals(130, code, err.toString());
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aBadSizeIsAUsageErrorThatNamesIt() {
    Hoard.Result run = Hoard.run("demo", "--files", "0");

    assertEquals(2, run.code());
    run.errContains("--files", "'0'");
  }
}
