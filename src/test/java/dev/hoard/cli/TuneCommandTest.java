package dev.hoard.cli;

import static dev.hoard.testing.Servers.bytes;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.RangeDispatcher;
import dev.hoard.testing.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TuneCommandTest {
  private final RangeDispatcher files = new RangeDispatcher();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    files.file("/a.bin", bytes(300_000), null).file("/b.bin", bytes(70_000), null);
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
    List<String> pairs = lines.subList(0, 4).stream()
        .map(m -> m.get("jobs") + "x" + m.get("connections")).collect(Collectors.toList());
    assertEquals(List.of("1x1", "1x3", "2x1", "2x3"), pairs);
    for (Map<String, Object> pair : lines.subList(0, 4)) {
      assertTrue(((Number) pair.get("mb_per_s")).doubleValue() > 0, pair::toString);
      assertEquals(1, ((Number) pair.get("runs")).intValue());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) lines.get(4).get("best");
    double bestRate = ((Number) best.get("mb_per_s")).doubleValue();
    for (Map<String, Object> pair : lines.subList(0, 4)) {
      assertTrue(((Number) pair.get("mb_per_s")).doubleValue() <= bestRate, "best is the fastest: " + run.out());
    }
    assertEquals(before, scratchFolders(), "the scratch folder is removed");
  }

  @Test
  void aBadListValueIsAUsageError() {
    Hoard.Result run = Hoard.tune("--jobs", "1,0", url(server, "/a.bin"));

    assertEquals(2, run.code());
    assertTrue(run.err().contains("--jobs") && run.err().contains("1,0"), run.err());
  }

  @Test
  void aListWithAFailingLinkStillMeasuresAndExitsOne() {
    Hoard.Result run = Hoard.tune("--jobs", "1", "--connections", "1", url(server, "/a.bin"),
        url(server, "/missing"));

    assertEquals(1, run.code(), run.err());
    assertTrue(run.out().contains("best: -j 1 -x 1"), run.out());
    assertTrue(run.err().contains("/missing"), run.err());
  }

  private static Set<Path> scratchFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("hoard-tune-")).collect(Collectors.toSet());
    }
  }
}
