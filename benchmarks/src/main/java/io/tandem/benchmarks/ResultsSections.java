package io.tandem.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets several harnesses share {@code RESULTS.md}: each owns a section between {@code <!-- begin NAME -->} and
 * {@code <!-- end NAME -->}, replaced in place when that harness runs again, and left alone by the others.
 */
public final class ResultsSections {

  private ResultsSections() {}

  /** Writes {@code markdown} as section {@code name} of {@code file}, keeping everything else. */
  public static void write(Path file, String name, String markdown) throws IOException {
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String begin = "<!-- begin " + name + " -->";
    String end = "<!-- end " + name + " -->";
    String section = begin + "\n" + markdown.strip() + "\n" + end + "\n";
    int from = existing.indexOf(begin);
    int to = existing.indexOf(end);
    String updated;
    if (from >= 0 && to > from) {
      updated = existing.substring(0, from) + section + existing.substring(to + end.length()).replaceFirst("^\n", "");
    } else {
      updated = existing + (existing.isEmpty() || existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n")
          + section;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }
}
