package dev.hoard.queue;

import dev.hoard.download.Connections;
import dev.hoard.download.DownloadOptions;
import dev.hoard.fetch.Header;
import dev.hoard.fetch.Network;
import dev.hoard.plan.Shard;
import dev.hoard.runtime.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code hoard get} was asked to do, parsed and validated at the edge. {@link #builder} holds the
 * defaults, in one place for {@code get}, {@code tune}, {@code demo} and the tests.
 *
 * @param jobs {@code -j}: downloads in flight at once
 * @param maxPerHost connections open to one host at once, across the run
 * @param retries attempts after the first, per request
 * @param retryWait the first backoff wait; later ones double
 * @param timeout connect timeout, and the window of the stall rule
 * @param limitRate bytes per second for the whole run; 0 for no cap
 * @param headers {@code -H}: sent only to the origin of the URL they came with
 * @param shard the shard of the list to keep ({@link Shard#ALL} for all)
 * @param crawl the settings of {@code -r}, when crawling
 * @param download how each download goes
 * @param network proxies, cookies, certificates and credentials
 */
public record RunOptions(Path dir, int jobs, int maxPerHost, int retries, Duration retryWait, Duration timeout,
    long limitRate, String userAgent, List<Header> headers, Shard shard, Optional<CrawlOptions> crawl,
    DownloadOptions download, Network network) {

  public RunOptions {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(crawl, "crawl");
    Objects.requireNonNull(download, "download");
    Objects.requireNonNull(network, "network");
    headers = List.copyOf(headers);
    if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1: " + jobs);
    if (maxPerHost < 1) throw new IllegalArgumentException("--max-per-host must be at least 1: " + maxPerHost);
    if (retries < 0) throw new IllegalArgumentException("--retries must be at least 0: " + retries);
    if (limitRate < 0) throw new IllegalArgumentException("--limit-rate must be >= 0: " + limitRate);
  }

  /** Options with every default of {@code hoard get}, downloading into {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /**
   * The crawl settings of {@code -r}.
   *
   * @param level how deep from a listed page; {@link Integer#MAX_VALUE} for inf
   * @param pause {@code --wait}: the pause between requests to one host
   * @param maxPages the per-run page cap that ends crawler traps
   * @param requisites {@code -p}: also what each saved page needs to display, past {@code -l}, {@code --no-parent}
   *     and {@code -A}
   * @param convertLinks {@code --convert-links}: when the run ends, point the links of saved pages at the copies
   * @param sitemap {@code --sitemap}: also start from each start host's sitemaps
   */
  public record CrawlOptions(int level, List<String> accept, List<String> reject, String select, boolean spanHosts,
      boolean noParent, boolean robots, Duration pause, int maxPages, boolean requisites, boolean convertLinks,
      boolean sitemap) {
    public CrawlOptions {
      accept = List.copyOf(accept);
      reject = List.copyOf(reject);
    }

    /** A plain crawl: no requisites, no link conversion, no sitemaps. */
    public CrawlOptions(int level, List<String> accept, List<String> reject, String select, boolean spanHosts,
        boolean noParent, boolean robots, Duration pause, int maxPages) {
      this(level, accept, reject, select, spanHosts, noParent, robots, pause, maxPages, false, false, false);
    }
  }

  /** Builds {@link RunOptions}; every field starts at hoard's default. */
  public static final class Builder {
    private final Path dir;
    private int jobs = 4;
    private Connections connections = Connections.AUTO;
    private long minChunk = 1 << 20;
    private int maxPerHost = 16;
    private int retries = 5;
    private Duration retryWait = Duration.ofMillis(500);
    private Duration timeout = Duration.ofSeconds(30);
    private long limitRate;
    private String userAgent = Version.userAgent();
    private List<Header> headers = List.of();
    private boolean contentDisposition;
    private boolean overwrite;
    private boolean timestamping;
    private long maxFileSize = Long.MAX_VALUE;
    private Shard shard = Shard.ALL;
    private CrawlOptions crawl;
    private Network network = Network.defaults();

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder jobs(int n) {
      this.jobs = n;
      return this;
    }

    public Builder connections(Connections c) {
      this.connections = c;
      return this;
    }

    public Builder minChunk(long bytes) {
      this.minChunk = bytes;
      return this;
    }

    public Builder maxPerHost(int n) {
      this.maxPerHost = n;
      return this;
    }

    public Builder retries(int n) {
      this.retries = n;
      return this;
    }

    public Builder retryWait(Duration d) {
      this.retryWait = d;
      return this;
    }

    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /** Bytes per second for the whole run; 0 for no cap. */
    public Builder limitRate(long bytesPerSecond) {
      this.limitRate = bytesPerSecond;
      return this;
    }

    public Builder userAgent(String ua) {
      this.userAgent = ua;
      return this;
    }

    public Builder headers(List<Header> h) {
      this.headers = h;
      return this;
    }

    public Builder contentDisposition(boolean on) {
      this.contentDisposition = on;
      return this;
    }

    public Builder overwrite(boolean on) {
      this.overwrite = on;
      return this;
    }

    /** {@code -N}: a file already there is fetched again only when the server's copy is newer or of another size. */
    public Builder timestamping(boolean on) {
      this.timestamping = on;
      return this;
    }

    /** The largest file accepted; {@link Long#MAX_VALUE} for any. */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = bytes;
      return this;
    }

    public Builder shard(Shard s) {
      this.shard = s;
      return this;
    }

    /** Crawl with these settings ({@code -r}); null for no crawl. */
    public Builder crawl(CrawlOptions c) {
      this.crawl = c;
      return this;
    }

    public Builder network(Network n) {
      this.network = n;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(dir, jobs, maxPerHost, retries, retryWait, timeout, limitRate, userAgent, headers, shard,
          Optional.ofNullable(crawl),
          new DownloadOptions(connections, minChunk, overwrite, maxFileSize, contentDisposition, timestamping),
          network);
    }
  }
}
