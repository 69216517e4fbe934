package io.tandem.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Which commit of Tandem was measured, asked of git; "unknown" when git cannot tell. */
public final class CodeVersion {

  private CodeVersion() {}

  /** For example {@code "bench @ 1a2b3c4"}, with {@code " plus uncommitted changes"} when the tree is dirty. */
  public static String describe(Path repository) {
    String commit = git(repository, "rev-parse", "--short", "HEAD");
    if (commit == null || commit.isBlank()) {
      return "unknown (not run from a git checkout)";
    }
    String branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD");
    String changes = git(repository, "status", "--porcelain", "--untracked-files=no");
    return (branch == null ? "" : branch + " @ ") + commit
        + (changes == null || changes.isBlank() ? "" : " plus uncommitted changes");
  }

  private static String git(Path repository, String... arguments) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream output = process.getInputStream()) {
        String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? text : null;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
