package io.tandem.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds, in Java sources, references (imports, static imports and fully qualified names, not string literals or
 * comments) to another module's internal packages. For test code, which is not on one classpath as the main classes are.
 */
final class TestSourceScan {

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern INTERNAL_REFERENCE =
      Pattern.compile("\\bio\\.tandem\\.[a-z0-9_]+(?:\\.[A-Za-z0-9_]+)*?\\.internal\\b[\\w.*]*");

  private TestSourceScan() {}

  /** Every {@code src/test/java} file under {@code repository}, outside build output. */
  static List<Path> testSources(Path repository) {
    try (Stream<Path> files = Files.walk(repository)) {
      return files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> file.toString().replace('\\', '/').contains("/src/test/java/"))
          .filter(file -> !file.toString().replace('\\', '/').contains("/target/"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violations in one file, each as {@code path:line: reference}. */
  static List<String> violations(Path file, Path repository) {
    try {
      return violations(repository.relativize(file).toString(), Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> violations(String name, List<String> lines) {
    String packageName = packageOf(lines);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = STRING_LITERAL.matcher(lines.get(i).trim()).replaceAll("\"\"");
      if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
        continue;
      }
      Matcher reference = INTERNAL_REFERENCE.matcher(line);
      while (reference.find()) {
        if (ModulePackages.reachesInto(packageName, reference.group())) {
          found.add(name + ":" + (i + 1) + ": " + reference.group());
        }
      }
    }
    return found;
  }

  private static String packageOf(List<String> lines) {
    for (String line : lines) {
      Matcher matcher = PACKAGE.matcher(line.trim());
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return "";
  }
}
