package dev.hoard.crawl;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** Fetches a {@code robots.txt}, so that no HTTP code lives in the crawl package. */
@FunctionalInterface
public interface RobotsSource {
  /**
   * Fetches {@code robotsUrl} with a GET, following redirects; reading more than {@link Robots#MAX_BYTES} of the body
   * is not needed.
   *
   * @return the answer, whatever its status; empty when the source knows there is no robots.txt to read
   * @throws IOException when no answer came (refused, reset, timed out, TLS failure), its message saying why in words
   *     a person can act on
   */
  Optional<RobotsFile> fetch(URI robotsUrl) throws IOException, InterruptedException;
}
