package dev.hoard.report;

/**
 * Totals of a run, printed last.
 *
 * @param ok downloads that completed
 * @param skipped downloads whose file was already there
 * @param failed downloads that did not complete, the interrupted ones included
 * @param bytes bytes downloaded in this run: neither the files already there nor the bytes a resume found on disk
 * @param ms how long the run took
 * @param alreadyThere the size of the files skipped because they were there
 * @param badLines lines of the links file that could not be used
 * @param interrupted downloads cut short by SIGINT/SIGTERM
 * @param stopped whether SIGINT/SIGTERM ended the run before its list did
 * @param stoppedBy the local failure (disk full, folder unwritable) that ended the run before its list did, or null
 */
public record Summary(long ok, long skipped, long failed, long bytes, long ms, long alreadyThere, long badLines,
    long interrupted, boolean stopped, String stoppedBy) {
  /** The totals of a run that ran to its end, with no bad line and nothing already there. */
  public Summary(long ok, long skipped, long failed, long bytes, long ms) {
    this(ok, skipped, failed, bytes, ms, 0, 0, 0, false, null);
  }
}
