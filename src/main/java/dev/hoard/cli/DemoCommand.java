package dev.hoard.cli;

import dev.hoard.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hoard demo}: maps the flags to {@link Demo.Settings}, runs {@link Demo}, prints its table (docs/demo.md). */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Show what the nested pools buy, against a local server that serves files through a per-connection"
        + " speed cap: the same files downloaded serially, with the outer pool, the inner pool and both, then a crawl."
        + " No network needed; what it writes is removed.")
final class DemoCommand implements Callable<Integer> {
  private final Cli.Context ctx;
  @Spec CommandSpec spec;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep the downloads in DIR, a folder per way, instead of"
      + " removing them.")
  Path keep;

  // sizes for the tests, which need a demo of a fraction of a second; the defaults make the real one
  @Option(names = "--files", hidden = true, paramLabel = "N", description = "Files served.")
  int files = Demo.FILES;

  @Option(names = "--size", hidden = true, paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Size of each file.")
  long size = Demo.FILE_SIZE;

  @Option(names = "--rate", hidden = true, paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Bytes per second each connection gets at most; 0 for no cap.")
  long rate = Demo.RATE;

  @Option(names = "--jobs", hidden = true, paramLabel = "N", description = "The outer pool's size.")
  int jobs = Demo.JOBS;

  @Option(names = "--connections", hidden = true, paramLabel = "N", description = "The inner pool's size.")
  int connections = Demo.CONNECTIONS;

  @Option(names = "--scratch-root", hidden = true, paramLabel = "DIR",
      description = "Where the scratch folder is made. Default: the system's temporary folder.")
  Path scratchRoot = Path.of(System.getProperty("java.io.tmpdir"));

  DemoCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Demo.Outcome outcome;
    try {
      outcome = new Demo(settings(), ctx.err(), ctx.interrupt()::onRaise).run();
    } catch (InterruptedException e) {
      return ExitCodes.INTERRUPTED;
    }
    for (String line : outcome.table()) ctx.out().println(line);
    ctx.out().flush();
    if (outcome.interrupted()) return ExitCodes.INTERRUPTED;
    if (outcome.localFailure() != null) return ExitCodes.LOCAL;
    return outcome.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private Demo.Settings settings() {
    if (files < 1 || files > 100) throw usage("--files", files, "from 1 to 100");
    // the files are generated in memory
    if (size < 1 || size > 256 << 20) throw usage("--size", size, "from 1 byte to 256M");
    if (rate < 0) throw usage("--rate", rate, "0 or more");
    if (jobs < 1 || jobs > 64) throw usage("--jobs", jobs, "from 1 to 64");
    if (connections < 1 || connections > 64) throw usage("--connections", connections, "from 1 to 64");
    return new Demo.Settings(files, (int) size, rate, jobs, connections, keep, scratchRoot);
  }

  private ParameterException usage(String option, Object value, String need) {
    return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + value
        + "' (must be " + need + ")");
  }
}
