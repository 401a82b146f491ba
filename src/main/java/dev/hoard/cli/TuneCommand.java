package dev.hoard.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.download.Connections;
import dev.hoard.fetch.Network;
import dev.hoard.fetch.SetupException;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import dev.hoard.queue.Run;
import dev.hoard.queue.RunOptions;
import dev.hoard.report.PlainReporter;
import dev.hoard.tune.HeatMap;
import dev.hoard.tune.TuneTable;
import dev.hoard.tune.Tuner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hoard tune}: downloads the list into a scratch folder once per pool-size pair and reports the best. */
@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Measure which pool sizes (outer -j, inner -x) serve a list best.")
final class TuneCommand implements Callable<Integer> {
  // a pair that never downloaded has no speed: null, as JSON has no NaN
  private static final JSON JSON_WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
  private final Cli.Context ctx;
  @Spec CommandSpec spec;
  @Mixin Inputs inputs = new Inputs();

  @Mixin ReachFlags reach = new ReachFlags();

  /** The proxies and certificates of the flags, read once before the first trial. */
  private Network network;

  @Option(names = "--jobs", paramLabel = "LIST", converter = Converters.IntList.class,
      description = "Outer pool sizes to try. Default: 1,2,4,8.")
  List<Integer> jobs = List.of(1, 2, 4, 8);

  @Option(names = "--connections", paramLabel = "LIST", converter = Converters.IntList.class,
      description = "Inner pool sizes to try. Default: 1,2,4,8,16.")
  List<Integer> connections = List.of(1, 2, 4, 8, 16);

  @Option(names = "--runs", paramLabel = "N", description = "Runs per pair at least; the median counts, and a pair"
      + " whose runs differ by more than 15%% runs again, up to " + Tuner.EXTRA_RUNS + " more times."
      + " Default: ${DEFAULT-VALUE}.")
  int runs = 1;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class,
      description = "Connect and read timeout. Default: 30s.")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--json", description = "One object per pair, then the best.")
  boolean json;

  TuneCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--runs': '" + runs + "' (must be at least 1)");
    }
    // what get refuses, tune neither tries nor names best
    for (int j : jobs) {
      if (j > GetCommand.MAX_JOBS) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for option '--jobs': '" + j + "' (must be at most " + GetCommand.MAX_JOBS + ", as for get)");
      }
    }
    for (int x : connections) {
      if (x > GetCommand.MAX_CONNECTIONS) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid value for option"
            + " '--connections': '" + x + "' (must be at most " + GetCommand.MAX_CONNECTIONS + ", as for get)");
      }
    }
    // in whole milliseconds, as get reads it: under 1 ms is 0, which the client takes for no timeout at all
    if (timeout.toMillis() < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--timeout': '" + typedTimeout() + "' (must be 1 ms or more)");
    }
    try {
      network = reach.network(ctx, ctx.err());
    } catch (SetupException e) {
      ctx.err().println("hoard: " + e.getMessage());
      ctx.err().println("Try 'hoard tune --help' for more information.");
      return ExitCodes.USAGE;
    }
    List<LinksFile.Entry> list = new ArrayList<>();
    boolean badLines = false;
    for (var it = inputs.open(spec, ctx); it.hasNext(); ) {
      LinksFile.Entry e = it.next();
      if (e instanceof LineError bad) {
        ctx.err().println("hoard: " + bad);
        badLines = true;
      } else {
        list.add(e);
      }
    }
    if (list.isEmpty()) {
      ctx.err().println("hoard: nothing to tune: the list has no URL");
      return ExitCodes.USAGE;
    }
    Path scratch = Files.createTempDirectory("hoard-tune-");
    try {
      return sweep(list, scratch) || badLines ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (InterruptedException e) {
      return ExitCodes.INTERRUPTED;
    } finally {
      PathUtils.deleteDirectory(scratch);
    }
  }

  /** Measures every pair and prints the results; returns whether some download failed or no pair has a best. */
  private boolean sweep(List<LinksFile.Entry> list, Path scratch) throws InterruptedException {
    Tuner tuner = new Tuner((j, x) -> trial(list, scratch, j, x), runs);
    // one untimed pass first, so the JIT and the server's caches do not tilt the first pair
    say("warming up (untimed): -j " + jobs.get(0) + " -x " + connections.get(0));
    trial(list, scratch, jobs.get(0), connections.get(0));
    List<Tuner.Pair> pairs = tuner.sweep(jobs, connections, new Tuner.Observer() {
      @Override public void measuring(int j, int x, int index, int total) {
        say("measuring -j " + j + " -x " + x + " (" + index + " of " + total + ")");
      }

      @Override public void repeating(int j, int x, double disagreement, int run, int cap) {
        say(String.format(Locale.ROOT, "-j %d -x %d: its runs differ by %.0f%%, measuring again (run %d of at most %d)",
            j, x, disagreement * 100, run, cap));
      }

      @Override public void measured(Tuner.Pair p) {
        if (json) line(record(p));
      }
    });
    Optional<Tuner.Pair> best = Tuner.best(pairs);
    if (json) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("best", best.map(TuneCommand::bestRecord).orElse(null));
      line(last);
    } else {
      for (String l : TuneTable.lines(pairs, jobs, connections, runs)) ctx.out().println(l);
      if (ctx.terminal()) {
        ctx.out().println();
        for (String l : HeatMap.lines(pairs, jobs, connections)) ctx.out().println(l);
      }
      ctx.out().flush();
    }
    if (best.isEmpty()) ctx.err().println("hoard: every run failed: no pair downloaded anything, so none is best");
    return best.isEmpty() || pairs.stream().anyMatch(p -> p.failed() > 0);
  }

  private Tuner.Measurement trial(List<LinksFile.Entry> list, Path scratch, int j, int x) throws InterruptedException {
    Path dir = scratch.resolve("j" + j + "-x" + x + "-" + System.nanoTime());
    RunOptions options = RunOptions.builder(dir).jobs(j).connections(Connections.of(x)).retries(2).timeout(timeout)
        .overwrite(true).retryWait(Duration.ofMillis(200)).network(network).build();
    long start = System.nanoTime();
    // errors only: the sweep prints its own table
    Run.Result r = Run.get(options, list.iterator(), PlainReporter.errorsOnly(ctx.out(), ctx.err()),
        ctx.interrupt()::onRaise);
    long nanos = System.nanoTime() - start;
    try {
      PathUtils.deleteDirectory(dir);
    } catch (IOException e) {
      ctx.err().println("hoard: cannot remove scratch folder " + dir + ": " + e.getMessage());
    }
    if (r.interrupted()) throw new InterruptedException("interrupted");
    return new Tuner.Measurement(r.summary().bytes(), nanos, r.summary().ok(), r.summary().failed());
  }

  /** The {@code --timeout} value as it was typed. */
  private String typedTimeout() {
    var typed = spec.findOption("--timeout").originalStringValues();
    return typed.isEmpty() ? "" : typed.get(typed.size() - 1);
  }

  private void say(String what) {
    ctx.err().println("hoard tune: " + what);
    ctx.err().flush();
  }

  /** A pair as its {@code --json} line: {@code {"jobs","connections","mb_per_s","speedup","runs"}}. */
  private static Map<String, Object> record(Tuner.Pair p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", p.jobs());
    m.put("connections", p.connections());
    m.put("mb_per_s", round(p.mbPerSecond()));
    m.put("speedup", round(p.speedup()));
    m.put("runs", p.runs());
    return m;
  }

  private static Map<String, Object> bestRecord(Tuner.Pair p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", p.jobs());
    m.put("connections", p.connections());
    m.put("mb_per_s", round(p.mbPerSecond()));
    return m;
  }

  /** Two decimals, so a slow list does not read 0.0; null for a number unknown (JSON has no NaN). */
  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
  }

  private void line(Map<String, Object> m) {
    try {
      ctx.out().println(JSON_WRITER.asString(m));
      ctx.out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
