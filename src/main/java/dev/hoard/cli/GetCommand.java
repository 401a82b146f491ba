package dev.hoard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "get", description = "Download each URL given and each URL of the links file.")
final class GetCommand implements Callable<Integer> {
  private final Cli.Context ctx;

  GetCommand(Cli.Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return 0;
  }
}
