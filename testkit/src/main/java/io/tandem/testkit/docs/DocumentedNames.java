package io.tandem.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a Markdown document mentions in inline code spans ({@code `tandem.mirror.mode`},
 * {@code `--proxy-port`}), for tests that keep a reference page in sync with the code: every setting or
 * option must be mentioned, and every mentioned name must exist. Fenced code blocks are not mentions.
 *
 * <pre>{@code
 * DocumentedNames reference = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));
 * assertThat(reference.missing(settingPaths)).isEmpty();
 * assertThat(reference.section("tandem-proxy command line").missing(optionNames)).isEmpty();
 * }</pre>
 *
 * Immutable; a {@link #section} is a view of part of the same document.
 */
public final class DocumentedNames {

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

  private final String scope;
  private final List<String> lines;

  private DocumentedNames(String scope, List<String> lines) {
    this.scope = scope;
    this.lines = lines;
  }

  /**
   * Reads a Markdown file. A relative path is resolved against the working directory, which for
   * Maven Surefire is the module's folder.
   *
   * @throws IllegalStateException naming the absolute path when the file cannot be read
   */
  public static DocumentedNames read(Path markdown) {
    try {
      return new DocumentedNames(markdown.toString(), withoutFencedBlocks(Files.readAllLines(markdown)));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("No such document: " + markdown.toAbsolutePath().normalize(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + markdown.toAbsolutePath().normalize(), e);
    }
  }

  /**
   * The part of this document under the heading whose text (without its {@code #} marks and backticks) is
   * {@code heading}, down to the next heading of the same or a higher level; sub-headings stay inside.
   *
   * @throws IllegalArgumentException when no heading, or more than one, has that text
   */
  public DocumentedNames section(String heading) {
    List<Integer> starts = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      Matcher matcher = HEADING.matcher(lines.get(index));
      if (matcher.matches() && headingText(matcher).equals(heading)) {
        starts.add(index);
      }
    }
    if (starts.size() != 1) {
      throw new IllegalArgumentException((starts.isEmpty() ? "No heading '" : "Several headings '") + heading
          + "' in " + scope + "; its headings are " + headings());
    }
    int start = starts.get(0);
    int level = headingLevel(lines.get(start));
    int end = start + 1;
    while (end < lines.size() && headingLevel(lines.get(end)) > level) {
      end++;
    }
    return new DocumentedNames(scope + " > " + heading, lines.subList(start, end));
  }

  /** Every inline code span's text, trimmed, in order of first appearance. */
  public Set<String> codeSpans() {
    Set<String> spans = new LinkedHashSet<>();
    for (String line : lines) {
      spans.addAll(codeSpans(line));
    }
    return spans;
  }

  /** The names that no code span of this document (or section) is exactly equal to, sorted. */
  public List<String> missing(Collection<String> names) {
    Set<String> spans = codeSpans();
    return names.stream().filter(name -> !spans.contains(name)).distinct().sorted().toList();
  }

  /**
   * The code spans that look like a name ({@code pattern} matches the whole span) but are not one that
   * exists, sorted: stale mentions of a renamed or removed setting or option.
   */
  public List<String> unknown(Pattern pattern, Predicate<String> exists) {
    return codeSpans().stream()
        .filter(span -> pattern.matcher(span).matches())
        .filter(exists.negate())
        .sorted()
        .toList();
  }

  /**
   * A cell of the first table row whose first cell has a code span equal to {@code name}, trimmed, with
   * {@code \|} unescaped; columns count from 0. Empty when no row names it or the row is shorter.
   */
  public Optional<String> cell(String name, int column) {
    for (String line : lines) {
      if (!line.trim().startsWith("|")) {
        continue;
      }
      List<String> cells = cells(line);
      if (!cells.isEmpty() && codeSpans(cells.get(0)).contains(name)) {
        return column < cells.size() ? Optional.of(cells.get(column)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Where this view comes from, e.g. {@code ../docs/configuration.md > tandem-proxy command line}. */
  @Override
  public String toString() {
    return scope;
  }

  private static List<String> withoutFencedBlocks(List<String> lines) {
    List<String> kept = new ArrayList<>();
    String fence = null;
    for (String line : lines) {
      String trimmed = line.trim();
      if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
        fence = trimmed.substring(0, 3);
      } else if (fence != null && trimmed.startsWith(fence)) {
        fence = null;
      } else if (fence == null) {
        kept.add(line);
      }
    }
    return List.copyOf(kept);
  }

  private static Set<String> codeSpans(String text) {
    Set<String> spans = new LinkedHashSet<>();
    Matcher matcher = CODE_SPAN.matcher(text);
    while (matcher.find()) {
      spans.add(matcher.group(2).trim());
    }
    return spans;
  }

  private static List<String> cells(String row) {
    String trimmed = row.trim();
    String inner = trimmed.substring(1, trimmed.endsWith("|") && trimmed.length() > 1 ? trimmed.length() - 1
        : trimmed.length());
    return Arrays.stream(CELL_SEPARATOR.split(inner, -1)).map(cell -> cell.trim().replace("\\|", "|")).toList();
  }

  private Set<String> headings() {
    Set<String> headings = new TreeSet<>();
    for (String line : lines) {
      Matcher matcher = HEADING.matcher(line);
      if (matcher.matches()) {
        headings.add(headingText(matcher));
      }
    }
    return headings;
  }

  private static String headingText(Matcher heading) {
    return heading.group(2).replace("`", "").trim();
  }

  private static int headingLevel(String line) {
    Matcher matcher = HEADING.matcher(line);
    return matcher.matches() ? matcher.group(1).length() : Integer.MAX_VALUE;
  }
}
