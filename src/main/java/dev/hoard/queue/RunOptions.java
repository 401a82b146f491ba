package dev.hoard.queue;

import dev.hoard.plan.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code hoard get} was asked to do, parsed and validated at the edge.
 *
 * @param connections range requests in flight per file; 0 for auto
 * @param limitRate bytes per second for the whole run; 0 for none
 * @param maxFileSize the largest file accepted; -1 for any
 * @param shard the shard to keep, or null for all
 * @param crawl the crawl settings with {@code -r}, or null
 * @param retryWait the first backoff wait; later ones double
 */
public record RunOptions(Path dir, int jobs, int connections, long minChunk, int maxPerHost, int retries,
    Duration timeout, long limitRate, String userAgent, List<String[]> headers, boolean contentDisposition,
    boolean overwrite, long maxFileSize, Shard shard, CrawlOptions crawl, Duration retryWait) {

  public RunOptions {
    Objects.requireNonNull(dir, "dir");
    headers = List.copyOf(headers);
    if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1: " + jobs);
    if (connections < 0) throw new IllegalArgumentException("--connections must be at least 1: " + connections);
    if (minChunk < 1) throw new IllegalArgumentException("--min-chunk must be at least 1 byte: " + minChunk);
    if (maxPerHost < 1) throw new IllegalArgumentException("--max-per-host must be at least 1: " + maxPerHost);
    if (retries < 0) throw new IllegalArgumentException("--retries must be at least 0: " + retries);
  }

  /**
   * The crawl settings of {@code -r}.
   *
   * @param level how deep from a listed page; {@link Integer#MAX_VALUE} for inf
   * @param pause {@code --wait}: the pause between requests to one host
   * @param maxPages the per-run page cap that ends crawler traps
   */
  public record CrawlOptions(int level, List<String> accept, List<String> reject, String select, boolean spanHosts,
      boolean noParent, boolean robots, Duration pause, int maxPages) {
    public CrawlOptions {
      accept = List.copyOf(accept);
      reject = List.copyOf(reject);
    }
  }
}
