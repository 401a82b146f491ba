package dev.hoard.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM as a value: the first signal asks the run to stop (running pieces save their progress), a
 * second one, or a run still going {@value #GRACE_MS} ms later, ends the process at once with 130.
 */
public final class Interrupt {
  static final int GRACE_MS = 4_000;
  private final AtomicBoolean raised = new AtomicBoolean();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** An interrupt wired to the process's SIGINT and SIGTERM. */
  public static Interrupt onSignals() {
    Interrupt interrupt = new Interrupt();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> interrupt.signalled());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // the JVM's default handling (shutdown hooks) still ends the process
      }
    }
    return interrupt;
  }

  private void signalled() {
    if (!raised.compareAndSet(false, true)) Runtime.getRuntime().halt(130);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(GRACE_MS);
      } catch (InterruptedException ignored) {
        return;
      }
      Runtime.getRuntime().halt(130);
    }, "hoard-interrupt-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    listeners.forEach(Runnable::run);
  }

  /** Raises the interrupt from inside the program (tests, or a run that must stop everything). */
  public void raise() {
    if (raised.compareAndSet(false, true)) listeners.forEach(Runnable::run);
  }

  public boolean raised() {
    return raised.get();
  }

  /** Runs {@code action} when the interrupt is raised, or now if it already was. */
  public void onRaise(Runnable action) {
    listeners.add(action);
    if (raised.get()) action.run();
  }
}
