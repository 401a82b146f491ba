package dev.hoard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running the same command again: finished files are skipped without a request, unless {@code --overwrite}. */
class RerunIT extends ResumeHarness {
  private static List<Map<String, Object>> jsonLines(String stdout) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : stdout.split("\n")) if (!line.isBlank()) out.add(JSON.std.mapFrom(line));
    return out;
  }

  @Test
  void aRerunSkipsFinishedFilesWithoutRequestsAndReportsThemSkipped() throws Exception {
    byte[] a = bytes(51, MIB);
    byte[] b = bytes(52, 300 * KIB);
    files.file("/a.bin", a, "a").file("/b.bin", b, "b");
    Files.writeString(work.resolve("links.txt"), url("/a.bin") + "\n" + url("/b.bin") + "\n");
    HoardProcess first = start("-i", "links.txt", "--json");
    assertEquals(0, first.exitCode(), first.stderr());
    assertLanded("a.bin", a);
    assertLanded("b.bin", b);

    int mark = files.log().size();
    HoardProcess second = start("-i", "links.txt", "--json");
    assertEquals(0, second.exitCode(), second.stderr());
    assertEquals(List.of(), since(mark), "a rerun asked for finished files");
    List<Map<String, Object>> lines = jsonLines(second.stdout());
    assertEquals(3, lines.size(), second.stdout());
    for (Map<String, Object> line : lines.subList(0, 2)) assertEquals("skipped", line.get("status"), second.stdout());
    Map<String, Object> summary = lines.get(2);
    assertEquals(Boolean.TRUE, summary.get("summary"), second.stdout());
    assertEquals(2, ((Number) summary.get("skipped")).intValue(), second.stdout());
    assertEquals(0, ((Number) summary.get("ok")).intValue(), second.stdout());
    assertLanded("a.bin", a);
  }

  @Test
  void overwriteDownloadsAFinishedFileAgain() throws Exception {
    byte[] v1 = bytes(53, MIB);
    byte[] v2 = bytes(54, MIB);
    files.file("/o.bin", v1, "v1");
    HoardProcess first = start(url("/o.bin"));
    assertEquals(0, first.exitCode(), first.stderr());
    assertLanded("o.bin", v1);

    files.file("/o.bin", v2, "v2");
    HoardProcess second = start("--overwrite", "--json", url("/o.bin"));
    assertEquals(0, second.exitCode(), second.stderr());
    assertLanded("o.bin", v2);
    assertTrue(second.stdout().contains("\"status\":\"ok\""), second.stdout());
  }
}
