package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private final StringWriter out = new StringWriter();

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void plainLinesAlignStateStatusTimeAndUrlAndGiveTheReasonWhenDown() {
    Report report = new Report(new PrintWriter(out), false);
    report.result(CheckResult.up(URI.create("https://a.test/"), 200, 12));
    report.result(CheckResult.down(URI.create("https://b.test/x"), 404, 3, "404 Not Found"));
    report.result(CheckResult.down(URI.create("https://c.test/"), 0, 1500, "connection refused"));
    report.summary(1, 2, 0, 1502);
    assertEquals(List.of(
        "up    200   12 ms  https://a.test/",
        "down  404    3 ms  https://b.test/x  404 Not Found",
        "down    - 1500 ms  https://c.test/  connection refused",
        "3 checked: 1 up, 2 down in 1502 ms"), lines());
  }

  @Test
  void aWatchsPlainLinesStartWithTheTimeOfTheirRoundAndItsJsonRecordsKeepTheirFields() throws IOException {
    Report plain = new Report(new PrintWriter(out), false);
    LocalDateTime at = LocalDateTime.of(2026, 12, 2, 14, 37, 5, 999_000_000);
    plain.result(CheckResult.down(URI.create("https://b.test/x"), 404, 3, "404 Not Found"), at);
    plain.summary(0, 1, 2, 3, LocalDateTime.of(2026, 1, 2, 3, 4, 0));
    Report json = new Report(new PrintWriter(out), true);
    json.result(CheckResult.up(URI.create("https://a.test/"), 200, 12), at);
    json.summary(1, 0, 0, 12, at);
    List<String> lines = lines();
    assertEquals(List.of(
        "2026-12-02T14:37:05  down  404    3 ms  https://b.test/x  404 Not Found",
        "2026-01-02T03:04:00  1 checked: 0 up, 1 down in 3 ms; 2 bad lines"), lines.subList(0, 2));
    // --json records are the contract's fields, nothing more: a line starting with a time would not be JSON
    assertEquals(map("url", "https://a.test/", "state", "up", "http", 200, "ms", 12), JSON.std.mapFrom(lines.get(2)));
    assertEquals(map("summary", true, "up", 1, "down", 0, "bad_lines", 0, "ms", 12), JSON.std.mapFrom(lines.get(3)));
  }

  @Test
  void jsonHasOneObjectPerCheckWithAnErrorOnlyWhenDownAndASummaryLast() throws IOException {
    Report report = new Report(new PrintWriter(out), true);
    report.result(CheckResult.up(URI.create("https://a.test/"), 200, 12));
    report.result(CheckResult.down(URI.create("https://c.test/"), 0, 7, "connection refused"));
    report.summary(1, 1, 1, 20);
    List<String> lines = lines();
    assertEquals(3, lines.size());
    assertEquals(map("url", "https://a.test/", "state", "up", "http", 200, "ms", 12), JSON.std.mapFrom(lines.get(0)));
    assertEquals(map("url", "https://c.test/", "state", "down", "http", null, "ms", 7, "error", "connection refused"),
        JSON.std.mapFrom(lines.get(1)));
    assertEquals(map("summary", true, "up", 1, "down", 1, "bad_lines", 1, "ms", 20), JSON.std.mapFrom(lines.get(2)));
  }

  @Test
  void passwordsInUrlsAreHiddenInBothFormats() {
    CheckResult r = CheckResult.down(URI.create("https://me:secret@a.test/"), 401, 5, "401 Unauthorized");
    new Report(new PrintWriter(out), false).result(r);
    new Report(new PrintWriter(out), true).result(r);
    assertEquals(false, out.toString().contains("secret"), out.toString());
    assertEquals(2, out.toString().split("me:\\*\\*\\*@", -1).length - 1);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
