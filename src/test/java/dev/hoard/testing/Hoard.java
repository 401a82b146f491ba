package dev.hoard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs hoard in-process through {@link Main#run} and hands back its exit status, standard output and error. */
public final class Hoard {
  private Hoard() {}

  /** What one run printed and returned. */
  public record Result(int code, String out, String err) {
    /** Every line of standard output parsed as a JSON object (the run must have had {@code --json}). */
    public List<Map<String, Object>> json() {
      List<Map<String, Object>> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (line.isBlank()) continue;
        try {
          lines.add(JSON.std.mapFrom(line));
        } catch (IOException e) {
          throw new UncheckedIOException("not a JSON line: " + line + "\nwhole output:\n" + out, e);
        }
      }
      return lines;
    }

    /** The download records: every JSON line but the summary, which must be last and only there. */
    public List<Map<String, Object>> records() {
      List<Map<String, Object>> all = json();
      assertFalse(all.isEmpty(), "no JSON output; stderr:\n" + err);
      List<Map<String, Object>> records = all.subList(0, all.size() - 1);
      for (Map<String, Object> r : records) assertFalse(r.containsKey("summary"), "summary before the end: " + out);
      return records;
    }

    /** The summary, the last JSON line. */
    public Map<String, Object> summary() {
      List<Map<String, Object>> all = json();
      Map<String, Object> last = all.get(all.size() - 1);
      assertEquals(Boolean.TRUE, last.get("summary"), "the last line is not the summary: " + out);
      return last;
    }

    /** The one record whose URL ends with {@code suffix}. */
    public Map<String, Object> record(String suffix) {
      List<Map<String, Object>> hits = records().stream()
          .filter(r -> r.get("url") instanceof String url && url.endsWith(suffix)).toList();
      assertEquals(1, hits.size(), "records for *" + suffix + ": " + out);
      return hits.get(0);
    }

    /** Fails with the run's output when the exit status is not {@code expected}. */
    public Result exits(int expected) {
      assertEquals(expected, code, () -> "exit status; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }

    public Result errContains(String... parts) {
      for (String p : parts) assertTrue(err.contains(p), () -> "stderr lacks '" + p + "':\n" + err);
      return this;
    }
  }

  /** {@code hoard ARGS} with an empty standard input. */
  public static Result run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  public static Result run(InputStream in, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, in, args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code hoard get -d DIR --retry-wait=1ms ARGS}: backoff waits a millisecond, so faults retry at once. */
  public static Result get(Path dir, String... args) {
    return get(InputStream.nullInputStream(), dir, args);
  }

  public static Result get(InputStream in, Path dir, String... args) {
    String[] all = Stream.concat(Stream.of("get", "-d", dir.toString(), "--retry-wait=1ms"), Stream.of(args))
        .toArray(String[]::new);
    return run(in, all);
  }

  /** {@code text} as a standard input. */
  public static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
