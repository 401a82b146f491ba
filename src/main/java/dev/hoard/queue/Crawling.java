package dev.hoard.queue;

import dev.hoard.crawl.HostPacer;
import dev.hoard.crawl.LinkExtractor;
import dev.hoard.crawl.Robots;
import dev.hoard.crawl.RobotsFile;
import dev.hoard.crawl.Scope;
import dev.hoard.download.Landed;
import dev.hoard.fetch.Failure;
import dev.hoard.fetch.Fetcher;
import dev.hoard.fetch.HomeHeaders;
import dev.hoard.fetch.Response;
import dev.hoard.plan.Job;
import dev.hoard.report.DownloadResult;
import dev.hoard.report.Listener;
import dev.hoard.runtime.Threads;
import dev.hoard.url.Redact;
import dev.hoard.store.MirrorPath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code -r}: wires the crawl package into the scheduler. Listed and found URLs land in a mirror tree; a found link is
 * fetched when it is in scope, within {@code -l}, allowed by robots.txt and under the page cap; finished HTML pages
 * yield their links; a page fetched only to find links (outside {@code -A}) is deleted afterwards, as wget does.
 */
final class Crawling implements Scheduler.Crawl {
  private final Fetcher fetcher;
  private final Listener listener;
  private final RunOptions.CrawlOptions options;
  private final Scope scope;
  private final LinkExtractor extractor;
  private final Robots robots;
  private final HostPacer pacer;
  private final ExecutorService robotsFetches = Executors.newCachedThreadPool(Threads.daemon("hoard-robots"));
  private final Set<URI> traverseOnly = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicBoolean capReported = new AtomicBoolean();
  /** Pages fetched at the last level of {@code -l}, whose links were not followed. */
  private final Map<URI, Cut> cut = new ConcurrentHashMap<>();

  private record Cut(int depth, Landed done) {}

  private Crawling(Fetcher fetcher, Listener listener, RunOptions.CrawlOptions options) {
    this.fetcher = fetcher;
    this.listener = listener;
    this.options = options;
    this.scope = new Scope(options.spanHosts(), options.noParent(), options.accept(), options.reject());
    this.extractor = new LinkExtractor(options.select());
    this.robots = options.robots() ? new Robots(this::fetchRobots, listener::problem) : null;
    this.pacer = options.pause().isZero() ? null : HostPacer.system(options.pause());
  }

  static Scheduler.Crawl create(Fetcher fetcher, Listener listener, RunOptions.CrawlOptions options) {
    return new Crawling(fetcher, listener, options);
  }

  @Override
  public String pathOf(Job job) {
    return MirrorPath.of(job.url()).toString().replace(File.separatorChar, '/');
  }

  @Override
  public boolean admit(Job job) {
    try {
      if (job.depth() > 0) {
        if (job.depth() > options.level() || !scope.follow(job.url(), job.scope())) return false;
        if (!scope.keep(job.url())) {
          // fetched only for its links: pointless at the last level
          if (!scope.fetchToTraverse(job.url()) || job.depth() >= options.level()) return false;
          traverseOnly.add(job.url());
        }
        if (robots != null && !robots.allowed(job.url())) return false;
      } else if (!scope.keep(job.url())) {
        traverseOnly.add(job.url());
      }
      // links turned away are met again and again: count only what is admitted, so the count never wraps
      if (pages.get() >= options.maxPages()) {
        if (capReported.compareAndSet(false, true)) {
          listener.problem("crawl stopped growing at --max-pages=" + options.maxPages() + " pages");
        }
        return false;
      }
      pages.incrementAndGet();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public List<Job> linksOf(Job job, Landed done) {
    if (done.file() == null || !Files.isRegularFile(done.file())) return List.of();
    if (job.depth() >= options.level()) {
      // -l cuts its links here; kept in case a shorter path reaches the page later
      if (options.level() != Integer.MAX_VALUE) cut.put(job.url(), new Cut(job.depth(), done));
      return List.of();
    }
    String type = done.contentType();
    // no type: a page skipped on a rerun, or a server that sent none; the name or the first bytes must tell
    if (type == null ? !looksLikeHtml(done.file().getFileName().toString()) && !sniffsAsHtml(done.file())
        : !LinkExtractor.isHtml(type)) {
      return List.of();
    }
    try {
      URI base = done.finalUrl() != null ? done.finalUrl() : job.url();
      List<Job> out = new ArrayList<>();
      // a listed page that redirected to another host (example.com → www.example.com) is crawled where it landed
      Job from = job.depth() == 0 && !sameHost(base, job.url()) ? job.scopedTo(base) : job;
      // the extractor's links are already in canonical form
      for (URI link : extractor.extract(done.file(), type, base)) out.add(from.child(link));
      return out;
    } catch (IOException | RuntimeException e) {
      listener.problem(Redact.url(job.url()) + ": cannot read links: " + Failure.describe(e));
      return List.of();
    }
  }

  @Override
  public void beforeFetch(Job job) throws InterruptedException {
    // on the job's own thread: a wait for one host never holds up the dispatch of another host's links
    if (pacer != null) pacer.await(job.url().getHost());
  }

  @Override
  public List<Job> reachedSooner(Job job) {
    Cut c = cut.get(job.url());
    if (c == null || job.depth() >= c.depth() || !cut.remove(job.url(), c)) return List.of();
    return linksOf(job, c.done());
  }

  @Override
  public boolean after(Job job, Landed done) {
    if (!traverseOnly.remove(job.url())) return false;
    if (done.result().status() == DownloadResult.Status.OK && done.file() != null) {
      try {
        return Files.deleteIfExists(done.file());
      } catch (IOException e) {
        listener.problem(done.file() + ": cannot remove a page fetched only for its links: " + e.getMessage());
      }
    }
    return false;
  }

  private static boolean sameHost(URI a, URI b) {
    return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
  }

  private static boolean looksLikeHtml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml");
  }

  /** Tags a page may start with, after a BOM and blanks, as browsers sniff text/html (WHATWG MIME Sniffing). */
  private static final List<String> HTML_STARTS = List.of("<!doctype html", "<html", "<head", "<script", "<iframe",
      "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p");

  /** Whether the file starts like an HTML page: {@code /about} saved by an earlier run has no name to go by. */
  static boolean sniffsAsHtml(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    } catch (IOException e) {
      return false;
    }
    String s = new String(head, StandardCharsets.ISO_8859_1);
    if (s.startsWith("\u00ef\u00bb\u00bf")) s = s.substring(3);
    s = s.stripLeading().toLowerCase(Locale.ROOT);
    if (s.startsWith("<!--")) return true;
    for (String tag : HTML_STARTS) {
      if (!s.startsWith(tag) || s.length() == tag.length()) continue;
      char after = s.charAt(tag.length());
      if (after == '>' || Character.isWhitespace(after)) return true;
    }
    return false;
  }

  /** Fetches a robots.txt like any request (the stall rule watches it), its body capped. */
  private Optional<RobotsFile> fetchRobots(URI robotsUrl) throws IOException {
    try (Response r = fetcher.open("GET", robotsUrl, List.of(), HomeHeaders.none())) {
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readNBytes(Robots.MAX_BYTES);
      }
      return Optional.of(new RobotsFile(r.status(), body, r.header("Content-Type")));
    } catch (IOException e) {
      throw new IOException(Failure.describe(e), e);
    }
  }

  @Override
  public CompletionStage<?> waitFor(Job job) {
    // robots.txt is fetched off the dispatching thread: a slow one holds up only the links of its own host
    if (robots == null || job.depth() == 0 || job.depth() > options.level() || !scope.follow(job.url(), job.scope())) {
      return null;
    }
    return robots.ready(job.url(), robotsFetches);
  }
}
