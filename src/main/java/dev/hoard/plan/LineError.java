package dev.hoard.plan;

/** A line of the links file that could not be understood: {@code links.txt:7: unknown key 'foo'}. */
public record LineError(String source, int line, String reason) implements LinksFile.Entry {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
