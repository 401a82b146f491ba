package dev.hoard.check;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the last state of each URL and says when a check changes it. A site never seen before counts as up,
 * so a first check that finds it down is a change and a first check that finds it up is not.
 */
final class StateTracker {
  private final Map<String, Boolean> upByUrl = new HashMap<>();

  /** Records {@code result}; true when its state differs from the one before. */
  boolean changed(CheckResult result) {
    Boolean before = upByUrl.put(result.url().toString(), result.up());
    boolean wasUp = before == null || before;
    return wasUp != result.up();
  }
}
