package dev.hoard.queue;

/** Wires the crawl package into the scheduler for {@code -r}. */
final class Crawling {
  private Crawling() {}

  static Scheduler.Crawl create(Engine engine, RunOptions.CrawlOptions options) {
    throw new UnsupportedOperationException("-r is not supported yet");
  }
}
