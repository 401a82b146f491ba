package dev.hoard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.cli.Cli;
import dev.hoard.cli.Interrupt;
import dev.hoard.report.Printable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs hoard in-process, as {@code Main} does but with captured streams, and hands back its exit status, standard
 * output and error. The plain {@link #run} is a non-terminal run with an empty standard input; {@link #with} sets up
 * other surroundings: a standard input, an interrupt the test raises, a terminal, a hook on each output line.
 */
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

    /** The lines of standard output. */
    public List<String> outLines() {
      return out.lines().toList();
    }

    /**
     * The download records: every JSON line but the summary, which must be last and only there, and but the records
     * of files moved after they landed ({@link #moves}).
     */
    public List<Map<String, Object>> records() {
      List<Map<String, Object>> all = json();
      assertFalse(all.isEmpty(), "no JSON output; stderr:\n" + err);
      List<Map<String, Object>> records = all.subList(0, all.size() - 1);
      for (Map<String, Object> r : records) assertFalse(r.containsKey("summary"), "summary before the end: " + out);
      return records.stream().filter(r -> !r.containsKey("moved_from")).toList();
    }

    /** The records of finished files moved after their download record: {@code {"url","path","moved_from"}}. */
    public List<Map<String, Object>> moves() {
      return json().stream().filter(r -> r.containsKey("moved_from")).toList();
    }

    /** The summary, the last JSON line. */
    public Map<String, Object> summary() {
      List<Map<String, Object>> all = json();
      assertFalse(all.isEmpty(), "no JSON output; stderr:\n" + err);
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

    /** The one record whose URL is {@code url}. */
    public Map<String, Object> recordOf(String url) {
      List<Map<String, Object>> hits = records().stream().filter(r -> url.equals(r.get("url"))).toList();
      assertEquals(1, hits.size(), "records of " + url + ": " + out);
      return hits.get(0);
    }

    /** Fails with the run's output when the exit status is not {@code expected}. */
    public Result exits(int expected) {
      assertEquals(expected, code, () -> "exit status; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }

    /**
     * Fails when standard output or error holds a character a terminal would act on: a C0 control other than the line
     * feed that ends a line, DEL, or a C1 control.
     */
    public Result printable() {
      for (String stream : List.of("stdout", "stderr")) {
        String text = stream.equals("stdout") ? out : err;
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f) {
            // the text itself is shown written out, so a failing test does not drive the terminal either
            throw new AssertionError(String.format("%s holds control character U+%04X at %d:%n%s", stream, (int) c, i,
                Printable.of(text)));
          }
        }
      }
      return this;
    }

    public Result errContains(String... parts) {
      for (String p : parts) assertTrue(err.contains(p), () -> "stderr lacks '" + p + "':\n" + err);
      return this;
    }
  }

  /** The surroundings of a run: standard input, the interrupt, whether stdout is a terminal, an output hook. */
  public static final class Setup {
    private InputStream in = InputStream.nullInputStream();
    private Interrupt interrupt = new Interrupt();
    private boolean terminal;
    private Consumer<String> onOutLine = line -> {};

    private Setup() {}

    /** {@code text} as the standard input. */
    public Setup stdin(String text) {
      return stdin(Hoard.stdin(text));
    }

    public Setup stdin(InputStream in) {
      this.in = Objects.requireNonNull(in);
      return this;
    }

    /** The interrupt the run obeys, which the test raises as a user's Ctrl-C or a SIGTERM would. */
    public Setup interrupt(Interrupt interrupt) {
      this.interrupt = Objects.requireNonNull(interrupt);
      return this;
    }

    /** Runs as if standard output were a terminal. */
    public Setup terminal() {
      this.terminal = true;
      return this;
    }

    /** Calls {@code hook} with each line of standard output as it is printed, on the printing thread. */
    public Setup onOutLine(Consumer<String> hook) {
      this.onOutLine = Objects.requireNonNull(hook);
      return this;
    }

    /** {@code hoard ARGS}. */
    public Result run(String... args) {
      LineWriter out = new LineWriter(onOutLine);
      StringWriter err = new StringWriter();
      int code;
      try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
        code = Cli.run(o, e, in, interrupt, terminal, Map.of(), args);
      }
      return new Result(code, out.text(), err.toString());
    }

    /** {@code hoard get -d DIR --retry-wait=1ms ARGS}: backoff waits a millisecond, so faults retry at once. */
    public Result get(Path dir, String... args) {
      return run(concat(new String[] {"get", "-d", dir.toString(), "--retry-wait=1ms"}, args));
    }

    /** {@code hoard check ARGS}. */
    public Result check(String... args) {
      return run(concat(new String[] {"check"}, args));
    }

    /** {@code hoard tune ARGS}. */
    public Result tune(String... args) {
      return run(concat(new String[] {"tune"}, args));
    }
  }

  /** Surroundings to set before a run. */
  public static Setup with() {
    return new Setup();
  }

  /** {@code hoard ARGS} with an empty standard input. */
  public static Result run(String... args) {
    return with().run(args);
  }

  public static Result run(InputStream in, String... args) {
    return with().stdin(in).run(args);
  }

  /** {@code hoard get -d DIR --retry-wait=1ms ARGS}: backoff waits a millisecond, so faults retry at once. */
  public static Result get(Path dir, String... args) {
    return with().get(dir, args);
  }

  public static Result get(InputStream in, Path dir, String... args) {
    return with().stdin(in).get(dir, args);
  }

  /** {@code hoard check ARGS}. */
  public static Result check(String... args) {
    return with().check(args);
  }

  /** {@code hoard tune ARGS}. */
  public static Result tune(String... args) {
    return with().tune(args);
  }

  /** {@code text} as a standard input. */
  public static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] concat(String[] head, String[] tail) {
    return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
  }

  /** Keeps what is written, and hands each finished line to a hook as it ends. */
  private static final class LineWriter extends Writer {
    private final StringBuilder all = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private final Consumer<String> hook;

    LineWriter(Consumer<String> hook) {
      this.hook = hook;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      List<String> ended = new ArrayList<>();
      synchronized (this) {
        for (int i = off; i < off + len; i++) {
          char c = chars[i];
          all.append(c);
          if (c == '\n') {
            ended.add(line.toString().replaceFirst("\r$", ""));
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
      }
      // outside the lock: a hook may raise the interrupt, whose listeners may print
      ended.forEach(hook);
    }

    synchronized String text() {
      return all.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
