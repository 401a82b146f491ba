package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.testing.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap too small for what a download needs (here the tree of a page of 8 MiB of links, under a 64 MiB heap): the
 * download is reported failed with the reason and counted, the other downloads complete, and the run exits 1. The
 * worker thread that ran out used to die with it, and the run said nothing of the page and exited 0.
 */
class OutOfMemoryIT {
  @TempDir Path work;

  @Test
  void aDownloadThatExhaustsTheHeapIsReportedFailedAndTheRunGoesOn() throws Exception {
    StringBuilder page = new StringBuilder("<!doctype html><html><body>\n");
    for (int i = 0; page.length() < 8 << 20; i++) page.append("<a href=\"/p/").append(i).append("\">").append(i)
        .append("</a>\n");
    page.append("</body></html>\n");
    Servers.Routes routes = new Servers.Routes()
        .on("/huge/", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
            .body(page.toString()).build())
        .on("/small.txt", Servers.ok("fine"));
    try (MockWebServer server = Servers.start(routes)) {
      HoardProcess p = HoardProcess.startWithHeap(work, "64m", "-d", work.resolve("dl").toString(), "--json",
          "-j", "1", "-r", "-l", "1", "--max-pages", "2", Servers.url(server, "/huge/"),
          Servers.url(server, "/small.txt"));

      int exit = p.exitCode();
      String err = p.stderr();
      assertEquals(1, exit, "stderr:\n" + err + "\nstdout:\n" + p.stdout());
      List<Map<String, Object>> lines = new ArrayList<>();
      for (String line : p.stdout().split("\n")) if (!line.isBlank()) lines.add(JSON.std.mapFrom(line));
      Map<String, Object> huge = lines.stream().filter(r -> Servers.url(server, "/huge/").equals(r.get("url")))
          .findFirst().orElseThrow(() -> new AssertionError("no record of the page: " + p.stdout()));
      assertEquals("failed", huge.get("status"));
      assertTrue(String.valueOf(huge.get("error")).startsWith("out of memory"), p.stdout());
      assertTrue(lines.stream().anyMatch(r -> "ok".equals(r.get("status"))
          && Servers.url(server, "/small.txt").equals(r.get("url"))), "the other download: " + p.stdout());
      Map<String, Object> summary = lines.get(lines.size() - 1);
      assertEquals(1, summary.get("failed"), p.stdout());
      assertTrue(!err.contains("Exception in thread"), "a thread died: " + err);
    }
  }
}
