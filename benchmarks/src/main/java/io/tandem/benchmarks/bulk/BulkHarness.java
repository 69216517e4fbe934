package io.tandem.benchmarks.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tandem.benchmarks.BenchmarkClusters;
import io.tandem.benchmarks.CodeVersion;
import io.tandem.benchmarks.ResultsSections;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bulk benchmark: on the embedded clusters, loads a table on both sides (the target's raw write rate is
 * the copy's baseline), scans both tables raw (the validation's bound), validates, truncates the target,
 * copies it back and validates again; then grows the table and validates once more to show the heap stays
 * flat. Results go into the "bulk" section of {@code benchmarks/RESULTS.md}.
 *
 * <p>Run from the repository root: {@code ./mvnw -B -q -pl benchmarks -am -DskipTests package && java -cp
 * benchmarks/target/tandem-benchmarks.jar io.tandem.benchmarks.bulk.BulkHarness}.
 */
@Command(name = "bulk-harness", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Copy and validation rates against their raw bounds, and heap as the table grows.")
public final class BulkHarness implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(BulkHarness.class);

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the table (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--grow-to", defaultValue = "4000000",
      description = "Rows after growing the table for the heap check; 0 skips it (default ${DEFAULT-VALUE}).")
  long growTo;

  @Option(names = "--splits", defaultValue = "256", description = "Token ranges (default ${DEFAULT-VALUE}).")
  int splits;

  @Option(names = "--concurrency", defaultValue = "4", description = "Ranges at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--in-flight", defaultValue = "32",
      description = "Copy writes in flight per range; the raw writer uses concurrency x this (default ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(names = "--value-size", defaultValue = "100", description = "Payload characters (default ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(names = "--heap", defaultValue = "1g", description = "Heap of each Cassandra node (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--results", description = "Markdown file (default benchmarks/RESULTS.md).")
  Path results;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BulkHarness()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path build = Path.of(BulkHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toAbsolutePath().getParent();
    BulkTable table = new BulkTable("tandem_bulk", "rows", valueSize);
    List<String> lines = new ArrayList<>();
    int writers = concurrency * inFlight;
    try (BenchmarkClusters clusters = BenchmarkClusters.startEmbedded(build.resolve("cassandra-bulk"), heap);
         CqlSession source = session(clusters.sourceSessionBuilder(), "bulk-source");
         CqlSession target = session(clusters.targetSessionBuilder(), "bulk-target")) {
      table.create(source);
      table.create(target);
      double sourceLoad = table.load(source, 0, rows, writers);
      double rawWrite = table.load(target, 0, rows, writers);
      LOG.info("Loaded {} rows: source {} rows/s, target {} rows/s", rows, (long) sourceLoad, (long) rawWrite);
      // each bound is measured twice, cold and warm, and the higher rate is kept, so a cold first run
      // cannot flatter the validator or the copy
      double rawScan = RawScan.rowsPerSecond(source, target, table, splits, concurrency);
      Measured validate = validate(source, target, table);
      rawScan = Math.max(rawScan, RawScan.rowsPerSecond(source, target, table, splits, concurrency));
      // the copy too is measured twice (into an emptied target each time) and the higher rate kept
      Copied firstCopy = copy(source, target, table);
      Copied copy = copy(source, target, table);
      double copyRate = Math.max(firstCopy.rate, copy.rate);
      Measured afterCopy = validate(source, target, table);
      String heapLine = "";
      Measured grown = null;
      if (growTo > rows) {
        table.load(source, rows, growTo, writers);
        rawWrite = Math.max(rawWrite, table.load(target, rows, growTo, writers));
        grown = validate(source, target, table);
        heapLine = String.format(Locale.ROOT, "| Live heap during validation (max after GC) | %,d rows: %.0f MiB | "
            + "%,d rows: %.0f MiB | %.2f | flat | %s |%n", rows, validate.heapMebibytes, growTo, grown.heapMebibytes,
            grown.heapMebibytes / validate.heapMebibytes,
            grown.heapMebibytes <= validate.heapMebibytes * 1.5 + 16 ? "yes" : "**no**");
      }
      lines.add(row("Raw write to the target (" + writers + " in flight) vs copy PRESERVE", rawWrite, copyRate, 0.8));
      // both validations compare the same rows; the better one is the warm figure, as for the bounds
      lines.add(row("Raw paged scan of both tables vs full validation", rawScan,
          Math.max(validate.rate, afterCopy.rate), 0.8));
      String markdown = markdown(lines, heapLine, sourceLoad, firstCopy, copy, validate, afterCopy, build);
      Path output = results != null ? results : build.getParent().resolve("RESULTS.md");
      ResultsSections.write(output, "bulk", markdown);
      System.out.println(markdown);
      return validate.mismatches == 0 && afterCopy.mismatches == 0 ? 0 : 1;
    }
  }

  private Copied copy(CqlSession source, CqlSession target, BulkTable table) {
    table.truncate(target);
    long started = System.nanoTime();
    CopyReport report = TableCopier.builder().withSource(source).withTarget(target)
        .forTable(table.keyspace(), table.table()).withSplits(splits).withConcurrency(concurrency)
        .withMaxInFlightWrites(inFlight).build().run();
    double rate = report.rowsRead() / ((System.nanoTime() - started) / 1e9);
    LOG.info("Copied {} rows at {} rows/s", report.rowsRead(), (long) rate);
    return new Copied(report, rate);
  }

  private record Copied(CopyReport report, double rate) {}

  private Measured validate(CqlSession source, CqlSession target, BulkTable table) {
    try (HeapWatcher heap = new HeapWatcher().start()) {
      long started = System.nanoTime();
      ValidationReport report = Validator.builder().withSource(source).withTarget(target)
          .forTable(table.keyspace(), table.table()).withSplits(splits).withConcurrency(concurrency).build().validate();
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Measured(report.totalRowsCompared() / seconds, report.totalMismatches(), heap.maxLiveMebibytes());
    }
  }

  private record Measured(double rate, long mismatches, double heapMebibytes) {}

  private static String row(String name, double baseline, double candidate, double goal) {
    double ratio = candidate / baseline;
    return String.format(Locale.ROOT, "| %s | %,.0f rows/s | %,.0f rows/s | %.2f | ≥ %.1f | %s |%n", name, baseline,
        candidate, ratio, goal, ratio >= goal ? "yes" : "**no**");
  }

  private String markdown(List<String> lines, String heapLine, double sourceLoad, Copied firstCopy, Copied copy,
      Measured validate, Measured afterCopy, Path build) {
    StringBuilder out = new StringBuilder("# Bulk copy and validation (validator module)\n\n");
    out.append(String.format(Locale.ROOT, "Run on %d cores, Java %s, code %s. Embedded source and target (one "
            + "Cassandra node each, %s heap) on this machine; %,d rows of ~%d bytes; %d splits, %d ranges at once. "
            + "Reproduce from the repository root with:%n%n```bash%n./mvnw -B -q -pl benchmarks -am -DskipTests "
            + "package && java -cp benchmarks/target/tandem-benchmarks.jar io.tandem.benchmarks.bulk.BulkHarness%n```%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        CodeVersion.describe(build.getParent().getParent()), heap, rows, valueSize + 20, splits, concurrency));
    out.append("| measure | baseline | Tandem | ratio | goal | met |\n|---|--:|--:|--:|--:|:-:|\n");
    lines.forEach(out::append);
    out.append(heapLine).append('\n');
    CopyReport last = copy.report();
    out.append(String.format(Locale.ROOT, "Source load rate %,.0f rows/s. Copies: %,.0f and %,.0f rows/s; the last "
            + "one %,d rows read, %,d writes, %s. Validation before the copies found %d mismatches, after them %d "
            + "(both must be 0).%n%n", sourceLoad, firstCopy.rate(), copy.rate(), last.rowsRead(),
        last.writesIssued(), last.complete() ? "complete" : "INCOMPLETE", validate.mismatches, afterCopy.mismatches));
    out.append("Both clusters and the harness share the same cores, so the copy competes with the target's "
        + "Cassandra for CPU exactly as the raw writer does; the ratios compare like with like in one run. Each "
        + "baseline is the higher of two measurements (raw scan: before and after the first validation; raw write: "
        + "the target's first load and its growth load), and so are Tandem's validation rate (before and after the "
        + "copy) and copy rate (two copies into an emptied target), so a cold JVM does not lower the bar. A ratio "
        + "above 1 "
        + "means the baseline is not a hard ceiling: the raw writer is one client thread issuing single-row "
        + "inserts, the copy writes from several range workers; the raw scan drives the same reader as the "
        + "validator without its comparison.\n");
    return out.toString();
  }

  private static CqlSession session(com.datastax.oss.driver.api.core.CqlSessionBuilder builder, String name) {
    return builder.withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.SESSION_NAME, name)
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .build()).build();
  }
}
