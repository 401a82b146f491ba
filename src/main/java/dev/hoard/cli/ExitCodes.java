package dev.hoard.cli;

/** hoard's exit statuses (docs/output.md). */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int LOCAL = 3;
  static final int INTERRUPTED = 130;
}
