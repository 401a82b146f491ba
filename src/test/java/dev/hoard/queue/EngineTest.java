package dev.hoard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoard.fetch.Backoff;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.Listener;
import dev.hoard.report.Summary;
import dev.hoard.store.Folder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path tmp;

  private static final URI A = URI.create("http://a.example/file");
  private static final URI A_OTHER_FILE = URI.create("http://a.example/other");
  private static final URI B = URI.create("http://b.example/file");

  @Test
  void autoConnectionsGrowOnlyToAFairShareOfTheHostCapAmongItsDownloads() throws Exception {
    try (Http http = new Http(new HttpSettings(Duration.ofSeconds(5), "t", 16, 64));
         Engine engine = engine(http)) {
      Engine.Registration first = engine.active(A);
      assertEquals(15, engine.room(A, 1), "alone on its host: the whole cap");

      Engine.Registration second = engine.active(A_OTHER_FILE);
      Engine.Registration elsewhere = engine.active(B);
      assertEquals(7, engine.room(A, 1), "two downloads from one host: 8 each");
      assertEquals(0, engine.room(A, 8));
      assertEquals(15, engine.room(B, 1), "another host's downloads do not count");

      second.close();
      assertEquals(15, engine.room(A, 1), "a finished download gives its share back");
      first.close();
      elsewhere.close();
    }
  }

  private Engine engine(Http http) throws Exception {
    RunOptions options = new RunOptions(tmp, 4, 0, 1 << 20, 16, 0, Duration.ofSeconds(5), 0, "t", List.of(), false,
        false, -1, null, null, Duration.ofMillis(1));
    return new Engine(options, new Fetcher(http), Folder.open(tmp), new Silent(),
        new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1), () -> 0));
  }

  private static final class Silent implements Listener {
    @Override public void finished(DownloadResult result) {}

    @Override public void problem(String message) {}

    @Override public void summary(Summary summary) {}
  }
}
