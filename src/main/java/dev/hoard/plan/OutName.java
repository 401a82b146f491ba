package dev.hoard.plan;

/**
 * The rule for a file name a person gives, with {@code out=} in the links file or {@code -o}: a bare name inside the
 * download folder.
 *
 * <table>
 *   <caption>name → bare?</caption>
 *   <tr><td>{@code a.iso}, {@code my file.txt}, {@code .hidden}</td><td>yes (made safe later, as every name is)</td></tr>
 *   <tr><td>empty, {@code .}, {@code ..}</td><td>no</td></tr>
 *   <tr><td>{@code dir/a.iso}, {@code ..\a.iso}</td><td>no: a separator</td></tr>
 *   <tr><td>a control character</td><td>no</td></tr>
 * </table>
 */
public final class OutName {
  private OutName() {}

  /** What a name that is not bare needs to be, for messages. */
  public static final String NEEDED = "a bare file name is needed (no '/', no '..')";

  /** Whether {@code name} is a bare file name: no folder, no way up, nothing a terminal acts on. */
  public static boolean bare(String name) {
    return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/")
        && !name.contains("\\") && name.chars().noneMatch(c -> c < 0x20);
  }
}
