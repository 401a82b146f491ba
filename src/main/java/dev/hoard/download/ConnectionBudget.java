package dev.hoard.download;

import dev.hoard.chunk.Connections;
import dev.hoard.fetch.Http;
import dev.hoard.url.Origin;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's connection policy in one place: how many connections the pool holds ({@code -j} files times their
 * {@code -x}, at least {@code --max-per-host}), and how many more one download may open now: no more than the pool
 * has spare for its host, nor past its fair share of {@code --max-per-host} among the downloads from that host.
 */
public final class ConnectionBudget {
  private final int maxPerHost;
  private final ConcurrentMap<Origin, AtomicInteger> activeByOrigin = new ConcurrentHashMap<>();
  private volatile Http http;

  public ConnectionBudget(int maxPerHost) {
    this.maxPerHost = maxPerHost;
  }

  /** The connections the pool holds in all for {@code jobs} downloads at once, each with {@code connections}. */
  public static int poolSize(int jobs, Connections connections, int maxPerHost) {
    return Math.max(maxPerHost, jobs * connections.max());
  }

  public int maxPerHost() {
    return maxPerHost;
  }

  /** The pool whose spare connections bound {@link #room}. */
  public void watch(Http pool) {
    this.http = pool;
  }

  /** A running download, counted against its origin until closed. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Counts a download as running against {@code url}'s origin until the returned registration is closed. */
  Registration active(URI url) {
    AtomicInteger count = activeByOrigin.computeIfAbsent(Origin.of(url), o -> new AtomicInteger());
    count.incrementAndGet();
    return count::decrementAndGet;
  }

  /**
   * How many more connections a download from {@code url} holding {@code held} may open now: so the first file of a
   * list does not take every connection while the next ones get one each.
   */
  int room(URI url, int held) {
    AtomicInteger active = activeByOrigin.get(Origin.of(url));
    int share = Math.max(1, maxPerHost / Math.max(1, active == null ? 1 : active.get()));
    int spare = http == null ? share : http.spareConnections(url);
    return Math.min(spare, share - held);
  }
}
