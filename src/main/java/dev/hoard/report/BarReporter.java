package dev.hoard.report;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Live progress on a terminal: one bar for the bytes of the run, with files done in its caption. */
public final class BarReporter implements Listener {
  private final Listener results;
  private final ProgressBar bar;
  private long files;
  private long done;

  /** @param results where finished files, problems and the summary still go */
  public BarReporter(Listener results, PrintStream terminal) {
    this.results = results;
    this.bar = new ProgressBarBuilder()
        .setTaskName("hoard")
        .setInitialMax(0)
        .setUnit(" MiB", 1024 * 1024)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .showSpeed()
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(terminal))
        .continuousUpdate()
        .build();
  }

  @Override
  public synchronized void started(String url, String path, long total) {
    files++;
    if (total > 0) bar.maxHint(bar.getMax() + total);
    bar.setExtraMessage(" " + done + "/" + files + " files");
  }

  @Override
  public void progress(long bytes) {
    bar.stepBy(bytes);
  }

  @Override
  public synchronized void finished(DownloadResult r) {
    done++;
    bar.setExtraMessage(" " + done + "/" + files + " files");
    if (r.status() == DownloadResult.Status.FAILED) results.finished(r);
  }

  @Override
  public void problem(String message) {
    results.problem(message);
  }

  @Override
  public void summary(Summary s) {
    bar.close();
    results.summary(s);
  }

  @Override
  public void close() {
    bar.close();
  }

}
