package dev.hoard.testing;

import java.io.IOException;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up many end-to-end tests share: a MockWebServer answering by {@link Servers.Routes}, a temporary folder,
 * and {@code dir}, the download folder inside it (not created, as a user's {@code -d} often is not).
 */
public abstract class ServedFolderTest {
  @TempDir protected Path tmp;
  protected final Servers.Routes routes = new Servers.Routes();
  protected MockWebServer server;
  protected Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server = Servers.start(routes);
    dir = tmp.resolve("dl");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
