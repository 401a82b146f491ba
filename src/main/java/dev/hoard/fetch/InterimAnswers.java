package dev.hoard.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The request executor of the run's client, under one more stall rule: interim {@code 1xx} answers are not progress.
 * The {@link StallWatch} counts their bytes like any others, so a server that sends them fast and forever would hold
 * a request past every {@code --timeout}; here a request still answered only with {@code 1xx} a whole
 * {@code --timeout} after it went out is stalled.
 */
final class InterimAnswers extends HttpRequestExecutor {
  private InterimAnswers(Watch watch) {
    super(Http1Config.DEFAULT, null, watch);
  }

  /** An executor that fails a request answered only with {@code 1xx} for {@code timeout}. */
  static InterimAnswers within(Duration timeout) {
    return new InterimAnswers(new Watch(timeout.toNanos()));
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
      HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
    try {
      return super.execute(request, conn, informationCallback, context);
    } catch (UncheckedIOException e) {
      // the listener cannot throw a checked exception; the connection is closed by now, as for any failure
      throw e.getCause();
    }
  }

  /**
   * Times each exchange from its request head. A classic exchange runs on its caller's thread from request to
   * response head, so the time it went out is kept per thread.
   */
  private static final class Watch implements Http1StreamListener {
    private final long windowNanos;
    private final ThreadLocal<long[]> sent = ThreadLocal.withInitial(() -> new long[1]);

    Watch(long windowNanos) {
      this.windowNanos = windowNanos;
    }

    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
      sent.get()[0] = System.nanoTime();
    }

    @Override
    public void onResponseHead(HttpConnection connection, HttpResponse response) {
      if (response.getCode() >= 200) return;
      if (System.nanoTime() - sent.get()[0] < windowNanos) return;
      throw new UncheckedIOException(new SocketTimeoutException(
          "stalled: only interim " + response.getCode() + " answers in " + windowNanos / 1_000_000 + " ms"));
    }

    @Override
    public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {}
  }
}
