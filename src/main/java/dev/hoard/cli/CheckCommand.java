package dev.hoard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the uptime checker lands (issue 6). */
@Command(name = "check", description = "Check which URLs of a list are up or down.")
final class CheckCommand implements Callable<Integer> {
  private final Cli.Context ctx;

  CheckCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().println("hoard check: not supported yet");
    return ExitCodes.USAGE;
  }
}
