package dev.hoard.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoard.chunk.Connections;
import dev.hoard.fetch.Http;
import dev.hoard.fetch.HttpSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {
  private static final URI A = URI.create("http://a.example/file");
  private static final URI A_OTHER_FILE = URI.create("http://a.example/other");
  private static final URI B = URI.create("http://b.example/file");

  @Test
  void autoConnectionsGrowOnlyToAFairShareOfTheHostCapAmongItsDownloads() throws Exception {
    try (Http http = new Http(new HttpSettings(Duration.ofSeconds(5), "t", 16, 64))) {
      ConnectionBudget budget = new ConnectionBudget(16);
      budget.watch(http);
      ConnectionBudget.Registration first = budget.active(A);
      assertEquals(15, budget.room(A, 1), "alone on its host: the whole cap");

      ConnectionBudget.Registration second = budget.active(A_OTHER_FILE);
      ConnectionBudget.Registration elsewhere = budget.active(B);
      assertEquals(7, budget.room(A, 1), "two downloads from one host: 8 each");
      assertEquals(0, budget.room(A, 8));
      assertEquals(15, budget.room(B, 1), "another host's downloads do not count");

      second.close();
      assertEquals(15, budget.room(A, 1), "a finished download gives its share back");
      first.close();
      elsewhere.close();
    }
  }

  @Test
  void thePoolHoldsEveryJobsConnectionsAndAtLeastTheHostCap() {
    assertEquals(64, ConnectionBudget.poolSize(4, Connections.AUTO, 16));
    assertEquals(16, ConnectionBudget.poolSize(4, Connections.of(2), 16));
    assertEquals(80, ConnectionBudget.poolSize(8, Connections.of(10), 16));
  }
}
