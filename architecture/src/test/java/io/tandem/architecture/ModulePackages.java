package io.tandem.architecture;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tandem's package rule: a module's root package is {@code io.tandem.X} (core, driver, proxy, validator,
 * cli, testkit, benchmarks, examples…), and a package with an {@code internal} segment under it may only be used
 * from packages under that same root.
 */
final class ModulePackages {

  private static final Pattern ROOT = Pattern.compile("^io\\.tandem\\.([a-z0-9_]+)");

  private ModulePackages() {}

  /** {@code io.tandem.X} for a package under it, or empty for any other package. */
  static Optional<String> root(String packageName) {
    Matcher matcher = ROOT.matcher(packageName);
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }

  static boolean isInternal(String packageName) {
    return root(packageName).isPresent() && (packageName + ".").contains(".internal.");
  }

  /** Whether code in {@code from} uses an internal package of another module's root. */
  static boolean reachesInto(String from, String to) {
    return isInternal(to) && !root(to).equals(root(from));
  }
}
