package dev.hoard.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.hoard.url.Origin;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Obeys robots.txt as user agent {@value #AGENT}: fetches each origin's file (scheme, host and port) once per run
 * through a {@link RobotsSource}, parses it with crawler-commons' {@link SimpleRobotRulesParser} and answers whether a
 * URL may be fetched. Safe to share between threads: concurrent callers for one origin wait for the one fetch.
 *
 * <table>
 *   <caption>answer of the source → rules for the whole run</caption>
 *   <tr><td>2xx</td><td>the file, parsed (its first {@value #MAX_BYTES} bytes)</td></tr>
 *   <tr><td>empty, or 4xx other than 429 (404, 401, 403, 410…)</td><td>allow all, as crawler-commons and Google do</td></tr>
 *   <tr><td>5xx, 429, a 3xx the source could not follow</td><td>disallow all: the server is failing, so crawl none
 *       of it (crawler-commons' {@code failedFetch} and Google's convention), and the reason is told</td></tr>
 *   <tr><td>{@link IOException} (no answer in time: refused, reset, stalled)</td><td>allow all, as if there were
 *       no robots.txt, and the reason is told: a robots.txt that cannot be had holds up no crawl</td></tr>
 * </table>
 *
 * <p>A source follows redirects (RFC 9309 asks for at least five, across hosts too): the answer at the end counts.
 * Robots rules are for links found while crawling; a URL the user listed is not subject to them.
 */
public final class Robots {
  /** The name matched against {@code User-agent:} lines. */
  public static final String AGENT = "hoard";

  /** Bytes of a robots.txt read at most: Google's limit, over RFC 9309's 500 KiB minimum. */
  public static final int MAX_BYTES = 500 * 1024;

  private final RobotsSource source;
  private final Consumer<String> problems;
  private final ConcurrentMap<String, CompletableFuture<BaseRobotRules>> byOrigin = new ConcurrentHashMap<>();

  public Robots(RobotsSource source) {
    this(source, problem -> {});
  }

  /** @param problems hears why a robots.txt could not be had (then its origin is crawled as if it had none) */
  public Robots(RobotsSource source, Consumer<String> problems) {
    this.source = Objects.requireNonNull(source, "source");
    this.problems = Objects.requireNonNull(problems, "problems");
  }

  /**
   * Null when the rules for {@code url}'s origin are known; otherwise a stage that completes once they are, their
   * robots.txt fetched on {@code executor} (once per origin), so the caller need not wait for it.
   */
  public CompletableFuture<?> ready(URI url, Executor executor) {
    String robotsUrl = robotsUrl(url);
    CompletableFuture<BaseRobotRules> rules = byOrigin.get(robotsUrl);
    if (rules != null && rules.isDone()) return null;
    if (rules != null) return rules;
    CompletableFuture<BaseRobotRules> mine = new CompletableFuture<>();
    rules = byOrigin.putIfAbsent(robotsUrl, mine);
    if (rules != null) return rules.isDone() ? null : rules;
    executor.execute(() -> {
      try {
        load(robotsUrl, mine);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // completed exceptionally inside load: allowed() reports it
      }
    });
    return mine;
  }

  /**
   * Whether robots.txt lets {@value #AGENT} fetch {@code url}, an absolute http(s) URL; the first call for an origin
   * fetches its robots.txt, and concurrent callers for that origin wait for it.
   *
   * @throws InterruptedException when interrupted while the robots.txt is fetched or awaited
   */
  public boolean allowed(URI url) throws InterruptedException {
    String robotsUrl = robotsUrl(url);
    while (true) {
      CompletableFuture<BaseRobotRules> mine = new CompletableFuture<>();
      CompletableFuture<BaseRobotRules> rules = byOrigin.putIfAbsent(robotsUrl, mine);
      if (rules == null) {
        rules = mine;
        load(robotsUrl, mine);
      }
      try {
        return rules.get().isAllowed(url.toString());
      } catch (CancellationException e) {
        // the caller that was fetching it was interrupted: this one fetches it again
      } catch (ExecutionException e) {
        throw new IllegalStateException("robots.txt source failed for " + robotsUrl, e.getCause());
      }
    }
  }

  /** {@code scheme://host[:port]/robots.txt} for the origin of {@code url}, the key of the cache. */
  static String robotsUrl(URI url) {
    Origin origin = Origin.of(url);
    if (origin.port() < 0 || origin.host().isEmpty()) {
      throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
    }
    return origin.root() + "/robots.txt";
  }

  private void load(String robotsUrl, CompletableFuture<BaseRobotRules> into) throws InterruptedException {
    try {
      Optional<RobotsFile> answer = source.fetch(URI.create(robotsUrl));
      int status = answer.map(RobotsFile::status).orElse(200);
      boolean refused = status < 200 || status >= 300 && status < 400 || status == 429 || status >= 500;
      if (refused) {
        problems.accept(robotsUrl + ": answered " + status + "; none of this host's links are crawled this run"
            + " (--no-robots ignores robots.txt)");
      }
      into.complete(rules(robotsUrl, answer));
    } catch (IOException e) {
      problems.accept(robotsUrl + ": cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); crawling as if there were none");
      into.complete(new SimpleRobotRules(RobotRulesMode.ALLOW_ALL));
    } catch (InterruptedException e) {
      byOrigin.remove(robotsUrl, into);
      into.cancel(false);
      throw e;
    } catch (RuntimeException e) {
      // a bug in the source: fail this caller and later ones alike rather than guess
      into.completeExceptionally(e);
      throw e;
    }
  }

  private static BaseRobotRules rules(String robotsUrl, Optional<RobotsFile> answer) {
    if (answer.isEmpty()) return new SimpleRobotRules(RobotRulesMode.ALLOW_ALL);
    RobotsFile file = answer.get();
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    if (file.status() == 429) return parser.failedFetch(503);
    if (file.status() < 200 || file.status() >= 300) return parser.failedFetch(file.status());
    byte[] body = file.body().length > MAX_BYTES ? Arrays.copyOf(file.body(), MAX_BYTES) : file.body();
    return parser.parseContent(robotsUrl, body, file.contentType(), List.of(AGENT));
  }
}
