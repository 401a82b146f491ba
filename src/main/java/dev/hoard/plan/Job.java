package dev.hoard.plan;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing to download.
 *
 * @param url the URL as listed or found
 * @param out the file name asked for with {@code out=}, or null
 * @param sha256 the expected SHA-256 in lower-case hex, or null
 * @param depth 0 for a listed URL, N for a link found N pages away from one
 * @param parent the page that linked to it, or null for a listed URL
 * @param root the listed URL it descends from: its {@code -H} headers and credentials go only to that origin
 * @param scope the URL whose host (and folder, with {@code --no-parent}) bound a crawl from here: the listed URL, or
 *     where it redirected to on another host ({@code example.com} → {@code www.example.com})
 * @param requisite whether a page found while crawling needs it to display ({@code -p}): fetched past {@code -l},
 *     {@code --no-parent} and {@code -A}
 * @param mirrors more URLs of the same file, listed on its line after {@code url}: its pieces come from all of them;
 *     empty for most jobs
 */
public record Job(URI url, String out, String sha256, int depth, URI parent, URI root, URI scope, boolean requisite,
    List<URI> mirrors) implements LinksFile.Entry {
  public Job {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(scope, "scope");
    if (depth < 0) throw new IllegalArgumentException("depth must be >= 0: " + depth);
    mirrors = List.copyOf(mirrors);
    if (mirrors.contains(url)) throw new IllegalArgumentException("a mirror repeats the URL: " + url);
  }

  /** A job of one URL. */
  public Job(URI url, String out, String sha256, int depth, URI parent, URI root, URI scope, boolean requisite) {
    this(url, out, sha256, depth, parent, root, scope, requisite, List.of());
  }

  /** The URLs of the file: {@code url}, then its mirrors. */
  public List<URI> urls() {
    if (mirrors.isEmpty()) return List.of(url);
    List<URI> all = new ArrayList<>(1 + mirrors.size());
    all.add(url);
    all.addAll(mirrors);
    return all;
  }

  /** A URL given on the command line or in the links file. */
  public static Job listed(URI url, String out, String sha256) {
    return new Job(url, out, sha256, 0, null, url, url, false);
  }

  /** A links-file line of several URLs of one file: the first names it, and each serves its pieces. */
  public static Job listed(List<URI> urls, String out, String sha256) {
    URI url = urls.get(0);
    return new Job(url, out, sha256, 0, null, url, url, false, urls.subList(1, urls.size()));
  }

  /** A link found on this page while crawling. */
  public Job child(URI link) {
    return child(link, false);
  }

  /** A link found on this page while crawling, which the page needs to display when {@code requisite}. */
  public Job child(URI link, boolean requisite) {
    return new Job(link, null, null, depth + 1, url, root, scope, requisite);
  }

  /** The same job, its crawl bounded by {@code newScope} from now on (its headers still stay with {@code root}). */
  public Job scopedTo(URI newScope) {
    return new Job(url, out, sha256, depth, parent, root, newScope, requisite, mirrors);
  }
}
