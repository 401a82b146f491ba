package dev.hoard.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.hoard.chunk.Connections;
import dev.hoard.plan.LineError;
import dev.hoard.plan.LinksFile;
import dev.hoard.queue.Run;
import dev.hoard.queue.RunOptions;
import dev.hoard.report.PlainReporter;
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
  private final Cli.Context ctx;
  @Spec CommandSpec spec;
  @Mixin Inputs inputs = new Inputs();

  @Option(names = "--jobs", paramLabel = "LIST", converter = Converters.IntList.class,
      description = "Outer pool sizes to try. Default: 1,2,4,8.")
  List<Integer> jobs = List.of(1, 2, 4, 8);

  @Option(names = "--connections", paramLabel = "LIST", converter = Converters.IntList.class,
      description = "Inner pool sizes to try. Default: 1,2,4,8,16.")
  List<Integer> connections = List.of(1, 2, 4, 8, 16);

  @Option(names = "--runs", paramLabel = "N", description = "Runs per pair; the median counts. Default: ${DEFAULT-VALUE}.")
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
      Tuner tuner = new Tuner((j, x) -> trial(list, scratch, j, x), runs);
      // one untimed pass first, so the JIT and the server's caches do not tilt the first pair
      trial(list, scratch, jobs.get(0), connections.get(0));
      if (!json) ctx.out().printf("%5s %12s %10s %5s%n", "jobs", "connections", "MB/s", "runs");
      List<Tuner.Pair> pairs = tuner.sweep(jobs, connections, this::print);
      Tuner.Pair best = Tuner.best(pairs);
      if (json) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobs", best.jobs());
        b.put("connections", best.connections());
        b.put("mb_per_s", round(best.mbPerSecond()));
        line(Map.of("best", b));
      } else {
        ctx.out().printf(Locale.ROOT, "best: -j %d -x %d (%.1f MB/s)%n", best.jobs(), best.connections(),
            best.mbPerSecond());
      }
      ctx.out().flush();
      boolean failures = pairs.stream().anyMatch(p -> p.failed() > 0);
      return failures || badLines ? ExitCodes.FAILED : ExitCodes.OK;
    } finally {
      PathUtils.deleteDirectory(scratch);
    }
  }

  private Tuner.Measurement trial(List<LinksFile.Entry> list, Path scratch, int j, int x) throws InterruptedException {
    Path dir = scratch.resolve("j" + j + "-x" + x + "-" + System.nanoTime());
    RunOptions options = RunOptions.builder(dir).jobs(j).connections(Connections.of(x)).retries(2).timeout(timeout)
        .overwrite(true).retryWait(Duration.ofMillis(200)).build();
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
    return new Tuner.Measurement(r.summary().bytes(), nanos, r.summary().failed());
  }

  private void print(Tuner.Pair p) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("jobs", p.jobs());
      m.put("connections", p.connections());
      m.put("mb_per_s", round(p.mbPerSecond()));
      m.put("runs", p.runs());
      line(m);
    } else {
      ctx.out().printf(Locale.ROOT, "%5d %12d %10.1f %5d%s%n", p.jobs(), p.connections(), p.mbPerSecond(), p.runs(),
          p.failed() > 0 ? "  (" + p.failed() + " failed)" : "");
      ctx.out().flush();
    }
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private void line(Map<String, Object> m) {
    try {
      ctx.out().println(JSON.std.asString(m));
      ctx.out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
