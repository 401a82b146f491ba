package dev.hoard.check;

import dev.hoard.report.Printable;
import dev.hoard.url.Redact;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check of one URL, after its retries.
 *
 * @param url the URL as listed (shown only through {@link #shownUrl()})
 * @param up whether the site counts as up
 * @param http the final status code, or 0 when no response came
 * @param ms how long the last attempt took
 * @param error why the site is down, or null when it is up; made {@link Printable} here, as it often quotes the server
 *     (its reason phrase), so the report, {@code --json}, the {@code --notify-cmd} environment and the webhook all
 *     carry it safely
 */
record CheckResult(URI url, boolean up, int http, long ms, String error) {
  CheckResult {
    Objects.requireNonNull(url, "url");
    if (http < 0) throw new IllegalArgumentException("http must be >= 0: " + http);
    if (ms < 0) throw new IllegalArgumentException("ms must be >= 0: " + ms);
    if (up == (error != null)) throw new IllegalArgumentException("a site has an error exactly when it is down");
    error = Printable.of(error);
  }

  static CheckResult up(URI url, int http, long ms) {
    return new CheckResult(url, true, http, ms, null);
  }

  static CheckResult down(URI url, int http, long ms, String error) {
    return new CheckResult(url, false, http, ms, error);
  }

  /** {@code up} or {@code down}. */
  String state() {
    return up ? "up" : "down";
  }

  /** The URL with any password hidden, as every output shows it. */
  String shownUrl() {
    return Redact.url(url);
  }

  /** The {@code --json} record and webhook body: url, state, http (null without a response), ms, and error if down. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", shownUrl());
    m.put("state", state());
    m.put("http", http == 0 ? null : http);
    m.put("ms", ms);
    if (error != null) m.put("error", error);
    return m;
  }
}
