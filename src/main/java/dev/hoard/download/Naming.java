package dev.hoard.download;

/**
 * The run's naming authority as one download sees it: where to go when the server offers a name
 * ({@code --content-disposition}) or when the path it was given turns out to be another URL's on disk.
 */
public interface Naming {
  /** A run-unique path for {@code offered}, a safe name, in the folder of {@code path}. */
  String offered(String path, String offered);

  /**
   * {@code path} holds a file (or unfinished part) of {@code ownerUrl} (null: of no recorded URL): the next path
   * this download may use.
   */
  String taken(String path, String ownerUrl);
}
