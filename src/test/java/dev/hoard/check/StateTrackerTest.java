package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateTrackerTest {
  private static final URI A = URI.create("http://a.test/");
  private static final URI B = URI.create("http://b.test/");

  private static CheckResult up(URI url) {
    return CheckResult.up(url, 200, 1);
  }

  private static CheckResult down(URI url) {
    return CheckResult.down(url, 500, 1, "500 Server Error");
  }

  @Test
  void aSiteFirstSeenDownIsAChangeAndOneFirstSeenUpIsNot() {
    StateTracker states = new StateTracker();
    assertEquals(true, states.changed(down(A)));
    assertEquals(false, states.changed(up(B)));
  }

  @Test
  void onlyTheChecksThatFlipTheStateAreChanges() {
    StateTracker states = new StateTracker();
    List<Boolean> changes = new ArrayList<>();
    for (CheckResult r : List.of(up(A), down(A), down(A), up(A), up(A), down(A))) changes.add(states.changed(r));
    assertEquals(List.of(false, true, false, true, false, true), changes);
  }

  @Test
  void eachSiteKeepsItsOwnState() {
    StateTracker states = new StateTracker();
    states.changed(down(A));
    assertEquals(false, states.changed(up(B)));
    assertEquals(false, states.changed(down(A)));
    assertEquals(true, states.changed(down(B)));
  }
}
