package dev.hoard.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * Live progress on standard error's terminal: the lines of a {@link LiveView}, redrawn in place through JLine's
 * {@link Display} at most {@link #FRAMES_PER_SECOND} times a second. Errors, retries and failed results are printed
 * above the live lines (they are cleared, the message printed, the lines drawn again); when the run ends the live lines
 * go and the results listener prints the summary in their place. Events may come from any thread.
 */
public final class LiveReporter implements Listener {
  static final int FRAMES_PER_SECOND = 10;

  private final Terminal terminal;
  private Display display;
  private final LiveView view;
  private final Listener results;
  private final boolean everyResultShown;
  private final LongSupplier clock;
  /** Held for every write to the screen, so a message and a redraw never interleave. */
  private final Object screen = new Object();
  private volatile boolean resized;
  private int columns;
  private int rows;
  /** Whether live lines are on the screen now. */
  private boolean drawn;
  /** The lines last drawn, to know how many rows they take after a resize. */
  private List<String> onScreen = List.of();
  /** Set by the summary or close: nothing is drawn after. */
  private boolean ended;
  private ScheduledExecutorService timer;
  /** Gives back what opening the terminal took. */
  private Runnable release = () -> {};

  /**
   * Live lines on {@code terminal}, drawn when {@link #redraw} is called; {@link #onStandardError} also starts the
   * timer.
   *
   * @param results where results, problems and the summary go to be printed
   * @param everyResultShown whether {@code results} prints a line on this screen for every result (JSON Lines on a
   *     terminal), not only for failures
   * @param unicode whether to draw the bar in block characters
   * @param clock nanoseconds, for speeds and ETAs
   */
  LiveReporter(Terminal terminal, Listener results, boolean everyResultShown, boolean unicode, LongSupplier clock) {
    this.terminal = terminal;
    this.results = results;
    this.everyResultShown = everyResultShown;
    this.clock = clock;
    this.view = new LiveView(unicode);
    this.display = new Display(terminal, false);
    fit(terminal.getSize());
    terminal.handle(Terminal.Signal.WINCH, signal -> resized = true);
  }

  /** Whether standard error is a terminal that live lines can be drawn on. */
  public static boolean standardErrorIsTerminal() {
    return StandardErrorTerminal.present();
  }

  /**
   * Whether standard output is a terminal, whatever standard input is. Not {@code System.console()}: on Java 17 it is
   * null when standard input is not the terminal either, so {@code -i -} from a pipe or {@code < /dev/null} would
   * count a terminal as a file and print a line per file there, with no live lines.
   */
  public static boolean standardOutputIsTerminal() {
    return StandardErrorTerminal.isTerminal(SystemStream.Output);
  }

  /**
   * Live lines on standard error, redrawn from a daemon thread until the summary. When standard error is not a
   * terminal they are drawn all the same, for a screen 80 columns wide: the caller asked for them.
   *
   * @param everyResultShown whether {@code results} prints every result on the screen, as JSON Lines on a terminal
   */
  public static LiveReporter onStandardError(Listener results, boolean everyResultShown) {
    StandardErrorTerminal.Opened opened;
    try {
      opened = StandardErrorTerminal.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw progress on standard error: " + e.getMessage(), e);
    }
    LiveReporter live = new LiveReporter(opened.terminal(), results, everyResultShown,
        StandardErrorTerminal.unicode(System::getenv), System::nanoTime);
    live.release = opened.release();
    live.start();
    return live;
  }

  /** Redraws from a daemon thread, {@link #FRAMES_PER_SECOND} times a second, until the summary or close. */
  void start() {
    timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "hoard-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::tick, 0, 1000 / FRAMES_PER_SECOND, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      redraw();
    } catch (RuntimeException e) {
      // an exception out of a scheduled task silently stops its timer: end the live lines plainly instead
      synchronized (screen) {
        gone();
      }
    }
  }

  /** Draws the live lines now, fitted to the terminal's size; nothing once the run has ended. */
  void redraw() {
    synchronized (screen) {
      if (ended) return;
      followResize();
      draw();
    }
  }

  /**
   * Takes in a change of size before anything is written: a message, the summary or a redraw. Clearing the live lines
   * by the old width after the window narrowed would leave their rewrapped rest on the screen, through the message.
   */
  private void followResize() {
    if (resized) {
      resized = false;
      refit(terminal.getSize());
    }
  }

  /**
   * Takes the live lines off a terminal that changed size, then fits the new one. Most terminals (VTE, kitty, iTerm2,
   * tmux, Windows Terminal) rewrap lines when they narrow, so a line wider than the new width now takes several rows:
   * the cursor goes up by as many rows as the lines take now. On a terminal that cuts lines instead (xterm) that
   * overshoots, clearing as many rows of the output above; leaving broken lines on the far more common kind is worse.
   */
  private void refit(Size size) {
    int newColumns = size.getColumns() > 0 ? size.getColumns() : columns;
    if (drawn) {
      int up = 0;
      for (String line : onScreen) up += Math.max(1, (LiveView.cols(line) + newColumns - 1) / newColumns);
      try {
        // the cursor waits at the start of the row below the last line
        terminal.puts(Capability.carriage_return);
        if (!terminal.puts(Capability.parm_up_cursor, up)) {
          for (int i = 0; i < up; i++) terminal.puts(Capability.cursor_up);
        }
        terminal.puts(Capability.clr_eos);
        terminal.flush();
      } catch (RuntimeException e) {
        gone();
        return;
      }
      drawn = false;
    }
    // a new Display: the old one's idea of the screen, its lines and its cursor, is in the old geometry
    display = new Display(terminal, false);
    fit(size);
  }

  private void fit(Size size) {
    // a terminal that cannot tell its size (0) gets the common one
    columns = size.getColumns() > 0 ? size.getColumns() : 80;
    rows = size.getRows() > 0 ? size.getRows() : 24;
    display.resize(Size.of(columns, rows));
  }

  private void draw() {
    // one column spare: a line filling the last column would wrap, or not, depending on the terminal
    List<String> lines = view.render(columns - 1, rows, clock.getAsLong());
    List<AttributedString> shown = new ArrayList<>(lines.size());
    // a line ending in a newline is a line of its own; without one, Display takes the next as its wrapped rest
    for (String line : lines) shown.add(new AttributedString(line + "\n"));
    try {
      // the cursor waits at the start of the line below, where a stray write or an echoed ^C does the least harm
      display.update(shown, lines.size() * (columns + 1));
      drawn = true;
      onScreen = lines;
    } catch (RuntimeException e) {
      gone();
    }
  }

  /** Removes the live lines and leaves the cursor where the first one began. */
  private void clear() {
    if (!drawn) return;
    try {
      display.update(List.of(), 0);
      terminal.puts(Capability.clr_eos);
      terminal.flush();
      drawn = false;
    } catch (RuntimeException e) {
      gone();
    }
  }

  /** A terminal that fails a write (hung up, closed) ends the live lines, not the run: results still print. */
  private void gone() {
    ended = true;
    drawn = false;
  }

  /** Prints through {@code print} above the live lines: they are cleared first and drawn again after. */
  private void above(Runnable print) {
    synchronized (screen) {
      boolean wasDrawn = drawn;
      followResize();
      clear();
      print.run();
      if (wasDrawn && !ended) draw();
    }
  }

  @Override
  public void started(long id, String name, long total, long alreadyDone) {
    view.started(id, name, total, alreadyDone);
  }

  @Override
  public void progress(long bytes) {
    view.progress(bytes);
  }

  @Override
  public void progress(long id, long bytes) {
    view.progress(id, bytes);
  }

  @Override
  public void pieces(long id, int inFlight) {
    view.pieces(id, inFlight);
  }

  @Override
  public void known(long files) {
    view.known(files);
  }

  @Override
  public void retrying(long id, String what, int attempt, int of, Duration wait) {
    above(() -> results.retrying(id, what, attempt, of, wait));
  }

  @Override
  public void exchanged(Exchange exchange) {
    above(() -> results.exchanged(exchange));
  }

  @Override
  public void finished(long id, DownloadResult r) {
    view.finished(id);
    report(r, () -> results.finished(id, r));
  }

  @Override
  public void finished(DownloadResult r) {
    view.finished();
    report(r, () -> results.finished(r));
  }

  private void report(DownloadResult r, Runnable print) {
    if (everyResultShown || r.status() == DownloadResult.Status.FAILED) above(print);
    else print.run();
  }

  @Override
  public void problem(String message) {
    above(() -> results.problem(message));
  }

  @Override
  public void badLine(String input, int line, String error) {
    above(() -> results.badLine(input, line, error));
  }

  @Override
  public void summary(Summary s) {
    synchronized (screen) {
      ended = true;
      followResize();
      clear();
      results.summary(s);
    }
    stopTimer();
  }

  /** Removes the live lines if the summary has not, and gives the terminal back as it was. */
  @Override
  public void close() {
    synchronized (screen) {
      ended = true;
      followResize();
      clear();
    }
    stopTimer();
    release.run();
    try {
      terminal.close();
    } catch (IOException ignored) {
      // the terminal is left as it is; nothing else holds it
    }
    results.close();
  }

  private void stopTimer() {
    // no waiting: a tick caught behind the lock finds the run ended and draws nothing
    if (timer != null) timer.shutdownNow();
  }
}
