package dev.hoard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the pool-size sweep lands. */
@Command(name = "tune", description = "Measure which pool sizes serve a list best.")
final class TuneCommand implements Callable<Integer> {
  private final Cli.Context ctx;

  TuneCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().println("hoard tune: not supported yet");
    return ExitCodes.USAGE;
  }
}
