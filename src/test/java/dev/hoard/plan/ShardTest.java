package dev.hoard.plan;

import static dev.hoard.testing.Servers.ok;
import static dev.hoard.testing.Servers.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoard.testing.Hoard;
import dev.hoard.testing.Servers;
import dev.hoard.testing.Servers.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardTest {
  @TempDir Path tmp;

  @Test
  void threeShardsPartitionAListEachUrlInExactlyOne() throws Exception {
    Routes routes = new Routes().otherwise(request -> ok("file " + request.getTarget()));
    try (MockWebServer server = Servers.start(routes)) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 30; i++) urls.add(url(server, "/file-" + i + ".bin"));
      Path list = Files.writeString(tmp.resolve("links.txt"), String.join("\n", urls) + "\n");

      List<String> taken = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        var run = Hoard.get(tmp.resolve("shard" + k), "--json", "--shard=" + k + "/3", "-i", list.toString()).exits(0);
        List<String> mine = run.records().stream().map(r -> (String) r.get("url")).toList();
        assertTrue(mine.size() < 30, "shard " + k + " took everything");
        for (String u : mine) assertTrue(Files.exists(tmp.resolve("shard" + k).resolve(u.substring(u.lastIndexOf('/') + 1))));
        taken.addAll(mine);
      }

      assertEquals(30, taken.size(), "a URL landed in two shards or in none: " + taken);
      assertEquals(new HashSet<>(urls), new HashSet<>(taken));
      assertEquals(30, routes.requests().size());
    }
  }

  @Test
  void eachUrlIsKeptByExactlyOneShardAndEveryShardIsUsed() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String u = "https://example.com/" + i;
      int index = Shard.index(u, 4);
      assertEquals(index, Shard.index(u, 4));
      int keeps = 0;
      for (int k = 0; k < 4; k++) if (new Shard(k, 4).keeps(u)) keeps++;
      assertEquals(1, keeps);
      used.add(index);
    }
    assertEquals(Set.of(0, 1, 2, 3), used);
  }

  @Test
  void theShardOfAUrlIsTheSameOnEveryMachine() {
    // pinned: machines that split one list must agree, so the hash may not change between versions
    assertEquals(289, Shard.index("https://example.com/a.iso", 1000));
    assertEquals(37, Shard.index("https://example.com/b.iso", 1000));
    assertEquals(12, Shard.index("http://example.org/", 1000));
  }

  @Test
  void aShardNeedsZeroAtMostKBelowN() {
    assertThrows(IllegalArgumentException.class, () -> new Shard(3, 3));
    assertThrows(IllegalArgumentException.class, () -> new Shard(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
  }
}
