package dev.hoard.cli;

import static dev.hoard.testing.Servers.bytes;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuneCommandTest {
  private final RangeDispatcher files = new RangeDispatcher();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    files.file("/a.bin", bytes(300_000), null).file("/b.bin", bytes(70_000), null)
        .throttle(16 * 1024, 10); // about 1.6 MB/s per response, so more connections are faster
    server = Servers.start(files);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void measuresEveryPairThenNamesTheBestAndRemovesItsScratchFolder() throws IOException {
    Set<Path> before = scratchFolders();

    Hoard.Result run = Hoard.tune("--json", "--jobs", "1,2", "--connections", "1,3",
        url(server, "/a.bin"), url(server, "/b.bin"));

    assertEquals(0, run.code(), run.err());
    List<Map<String, Object>> lines = run.json();
    assertEquals(5, lines.size(), run.out());
    List<Map<String, Object>> pairs = lines.subList(0, 4);
    assertEquals(List.of("1x1", "1x3", "2x1", "2x3"),
        pairs.stream().map(m -> m.get("jobs") + "x" + m.get("connections")).collect(Collectors.toList()));
    for (Map<String, Object> pair : pairs) {
      assertEquals(List.of("jobs", "connections", "mb_per_s", "speedup", "runs"), List.copyOf(pair.keySet()));
      assertTrue(((Number) pair.get("mb_per_s")).doubleValue() > 0, pair::toString);
      assertTrue(((Number) pair.get("speedup")).doubleValue() > 0, pair::toString);
      assertEquals(1, ((Number) pair.get("runs")).intValue());
    }
    assertEquals(1.0, ((Number) pairs.get(0).get("speedup")).doubleValue(), "the serial pair is the baseline");
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) lines.get(4).get("best");
    assertEquals(List.of("jobs", "connections", "mb_per_s"), List.copyOf(best.keySet()));
    double bestRate = ((Number) best.get("mb_per_s")).doubleValue();
    for (Map<String, Object> pair : pairs) {
      assertTrue(((Number) pair.get("mb_per_s")).doubleValue() <= bestRate, "best is the fastest: " + run.out());
    }
    assertEquals(before, scratchFolders(), "the scratch folder is removed");
  }

  @Test
  void printsATableOfSpeedUpsOverTheSerialPairMeasuredFirstAndMarksTheBest() {
    Hoard.Result run = Hoard.run("tune", "--jobs", "2", "--connections", "3", url(server, "/a.bin"),
        url(server, "/b.bin"));

    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).matches(" *jobs +connections +MiB/s +speed-up +runs +noise"), run.out());
    assertTrue(lines.get(1).matches(" +1 +1 +\\d+\\.\\d +1\\.0x +1 +- .*\\(the baseline\\).*"), run.out());
    assertTrue(lines.get(2).matches(" +2 +3 +\\d+\\.\\d +\\d+\\.\\dx +1 +-.*"), run.out());
    assertEquals(1, lines.stream().filter(l -> l.contains("<- best")).count(), run.out());
    assertTrue(lines.get(3).startsWith("best: -j "), run.out());
    assertFalse(run.out().contains("\u001b["), "no colours off a terminal");
    run.errContains("measuring -j 1 -x 1 (1 of 2)", "measuring -j 2 -x 3 (2 of 2)");
  }

  @Test
  void drawsAShadedGridOnAColourTerminal() {
    StringWriter out = new StringWriter();
    int code = Cli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), InputStream.nullInputStream(),
        new Interrupt(), true, Map.of(), "tune", "--jobs", "1,2", "--connections", "1,2", url(server, "/b.bin"));

    assertEquals(0, code);
    assertTrue(out.toString().contains("MiB/s      -x 1     -x 2\n-j 1  "), out.toString());
    assertTrue(out.toString().contains("\u001b[38;5;16;48;5;"), out.toString());
  }

  @Test
  void aBadListValueIsAUsageError() {
    Hoard.Result run = Hoard.tune("--jobs", "1,0", url(server, "/a.bin"));

    assertEquals(2, run.code());
    assertTrue(run.err().contains("--jobs") && run.err().contains("1,0"), run.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --jobs=1,5000        | --jobs' | '5000' (must be at most 1024, as for get)
      --connections=1,100  | --connections' | '100' (must be at most 64, as for get)
      --timeout=0          | --timeout' | '0' (must be 1 ms or more)
      --timeout=0.0001s    | --timeout' | '0.0001s' (must be 1 ms or more)
      """)
  void whatGetRefusesTuneRefusesBeforeItMeasuresAnything(String option, String named, String why) {
    Hoard.Result run = Hoard.tune(option, url(server, "/a.bin"));

    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(named) && run.err().contains(why), run.err());
    assertTrue(!run.err().contains("warming up"), "it started: " + run.err());
  }

  @Test
  void aListWithAFailingLinkStillMeasuresAndExitsOne() {
    Hoard.Result run = Hoard.tune("--jobs", "1", "--connections", "1", url(server, "/a.bin"),
        url(server, "/missing"));

    assertEquals(1, run.code(), run.err());
    assertTrue(run.out().contains("best: -j 1 -x 1"), run.out());
    assertTrue(run.err().contains("/missing"), run.err());
  }

  @Test
  void whenEveryRunFailsNoPairIsCrownedAndItExitsOne() {
    Hoard.Result run = Hoard.run("tune", "--jobs", "2", "--connections", "1", url(server, "/missing"));

    assertEquals(1, run.code(), run.err());
    assertFalse(run.out().contains("best"), run.out());
    assertTrue(run.out().contains("(every run failed)"), run.out());
    run.errContains("every run failed");

    Hoard.Result json = Hoard.run("tune", "--json", "--jobs", "1", "--connections", "1", url(server, "/missing"));
    assertEquals(1, json.code(), json.err());
    List<Map<String, Object>> lines = json.json();
    assertNull(lines.get(0).get("mb_per_s"));
    assertTrue(lines.get(1).containsKey("best") && lines.get(1).get("best") == null, json.out());
  }

  @Test
  void anInterruptExits130AndStillRemovesTheScratchFolder() throws IOException {
    Set<Path> before = scratchFolders();
    Interrupt interrupt = new Interrupt();
    files.file("/c.bin", bytes(70_000), null).on(r -> r.path().equals("/c.bin"), (request, server) -> {
      interrupt.raise();
      return null;
    });
    StringWriter err = new StringWriter();

    int code = Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), InputStream.nullInputStream(),
        interrupt, false, Map.of(), "tune", "--jobs", "1,2", "--connections", "1,2", url(server, "/c.bin"));

    assertEquals(130, code, err.toString());
    assertEquals(before, scratchFolders(), "the scratch folder is removed");
  }

  private static Set<Path> scratchFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("hoard-tune-")).collect(Collectors.toSet());
    }
  }
}
