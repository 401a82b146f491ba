package dev.hoard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private final StringWriter err = new StringWriter();
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  private static CheckResult down(String host) {
    return CheckResult.down(URI.create("http://" + host + "/"), 500, 1, "500 Server Error");
  }

  /** A notifier that records each change, first running {@code before} on it. */
  private Notifier recording(Before before) {
    return new Notifier() {
      @Override public String name() {
        return "--test";
      }

      @Override public void deliver(CheckResult change) throws IOException, InterruptedException {
        before.run(change);
        delivered.add(change.url().getHost());
      }
    };
  }

  private interface Before {
    void run(CheckResult change) throws IOException, InterruptedException;
  }

  @Test
  void postReturnsAtOnceWhileADeliveryIsStillRunningAndOrderIsKept() {
    CountDownLatch release = new CountDownLatch(1);
    Outbox outbox = new Outbox(recording(c -> release.await()), new PrintWriter(err, true));
    outbox.post(down("a.test"));
    outbox.post(down("b.test"));
    assertEquals(List.of(), delivered);
    release.countDown();
    outbox.close(Duration.ofSeconds(30));
    assertEquals(List.of("a.test", "b.test"), delivered);
    assertEquals("", err.toString());
  }

  @Test
  void aFailedDeliveryIsReportedAndTheNextOneStillGoes() {
    Outbox outbox = new Outbox(recording(c -> {
      if (c.url().getHost().equals("a.test")) throw new IOException("exited with status 3");
    }), new PrintWriter(err, true));
    outbox.post(down("a.test"));
    outbox.post(down("b.test"));
    outbox.close(Duration.ofSeconds(30));
    assertEquals(List.of("b.test"), delivered);
    assertEquals("hoard: --test failed for http://a.test/ (down): exited with status 3", err.toString().strip());
  }

  @Test
  void closingAfterTheGraceDropsWhatIsLeftAndSaysHowMuch() throws InterruptedException {
    CountDownLatch firstUnderWay = new CountDownLatch(1);
    Outbox outbox = new Outbox(recording(c -> {
      firstUnderWay.countDown();
      new CountDownLatch(1).await();
    }), new PrintWriter(err, true));
    outbox.post(down("a.test"));
    outbox.post(down("b.test"));
    // the first delivery hangs under way, the second waits behind it, however slowly the outbox's thread started
    firstUnderWay.await();
    outbox.close(Duration.ofMillis(50));
    assertEquals(List.of(), delivered);
    assertTrue(err.toString().contains("hoard: --test: 1 notification not sent, the run is ending"), err.toString());
  }
}
