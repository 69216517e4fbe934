package io.tandem.core.internal.log;

import io.tandem.core.api.replay.FailedWriteLogException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of a {@link SegmentedFailedWriteLog}: segment files named {@code
 * failed-writes-<20-digit zero-padded segment number>.log}, so that their names sort like their numbers,
 * and the {@link Checkpoint} file. Other files are left alone.
 */
final class SegmentDirectory {

  static final String SEGMENT_PREFIX = "failed-writes-";
  static final String SEGMENT_SUFFIX = ".log";
  /** The setting that moves the folder, named in every error message. */
  static final String DIRECTORY_SETTING = "tandem.mirror.failed-write-log.directory";
  private static final int NUMBER_DIGITS = 20;
  private static final String WHAT_TO_DO = "make it writable or set " + DIRECTORY_SETTING + " to another folder";
  private static final Logger LOG = LoggerFactory.getLogger(SegmentDirectory.class);

  private final Path path;

  private SegmentDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates the folder if it is missing and checks that it can be written.
   *
   * @throws FailedWriteLogException naming the folder, the reason and what to do
   */
  static SegmentDirectory open(Path path) {
    Path absolute = path.toAbsolutePath();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw unusable(absolute, "it exists and is not a directory", null);
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw unusable(absolute, "it cannot be created (" + describe(e) + ")", e);
    }
    if (!Files.isWritable(absolute)) {
      throw unusable(absolute, "it is not writable", null);
    }
    return new SegmentDirectory(absolute);
  }

  Path path() {
    return path;
  }

  Path segmentFile(long number) {
    String digits = String.format("%0" + NUMBER_DIGITS + "d", number);
    return path.resolve(SEGMENT_PREFIX + digits + SEGMENT_SUFFIX);
  }

  /** The numbers of the segment files present, in ascending order. */
  NavigableSet<Long> listSegments() throws IOException {
    NavigableSet<Long> numbers = new TreeSet<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(path, SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX)) {
      for (Path file : files) {
        long number = parseSegmentNumber(file.getFileName().toString());
        if (number >= 0) {
          numbers.add(number);
        }
      }
    }
    return numbers;
  }

  /** The size of a segment file; 0 if it is gone. */
  long size(long number) throws IOException {
    try {
      return Files.size(segmentFile(number));
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** Deletes a segment file; a failure is logged and left for a later attempt. */
  boolean delete(long number) {
    Path file = segmentFile(number);
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException e) {
      LOG.warn("Cannot delete the replayed failed-write log segment {}: {}", file, describe(e));
      return false;
    }
  }

  /** Makes created, renamed and deleted entries of a folder durable. Best effort: not every OS allows it. */
  static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot force the directory {} to disk: {}", directory, e.toString());
    }
  }

  /** The exception for an I/O failure on {@code file}, saying what failed and what to do. */
  static FailedWriteLogException failure(String action, Path file, IOException cause) {
    return new FailedWriteLogException(
        "Cannot " + action + " " + file + ": " + describe(cause) + "; check the free disk space and that "
            + "the folder is writable, or set " + DIRECTORY_SETTING + " to another folder", cause);
  }

  static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
        + e.getMessage();
  }

  private static long parseSegmentNumber(String name) {
    int digitsEnd = name.length() - SEGMENT_SUFFIX.length();
    if (digitsEnd - SEGMENT_PREFIX.length() != NUMBER_DIGITS) {
      return -1;
    }
    String digits = name.substring(SEGMENT_PREFIX.length(), digitsEnd);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1; // beyond Long.MAX_VALUE: not one of ours
    }
  }

  private static FailedWriteLogException unusable(Path path, String reason, IOException cause) {
    return new FailedWriteLogException(
        "Cannot use " + path + " as the failed-write log directory: " + reason + "; " + WHAT_TO_DO, cause);
  }
}
