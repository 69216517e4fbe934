package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.tandem.validator.api.validate.CountReport;
import io.tandem.validator.api.validate.CountReport.TableCount;
import io.tandem.validator.api.validate.SampleReport;
import io.tandem.validator.api.validate.SampleReport.TableSample;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.internal.range.Cancellation;
import io.tandem.validator.internal.range.RangeRunner;
import io.tandem.validator.internal.range.RangeRunner.RangeRunResult;
import io.tandem.validator.internal.range.RingSplitter;
import io.tandem.validator.internal.report.ConsoleSummary;
import io.tandem.validator.internal.report.MismatchLedger;
import io.tandem.validator.internal.report.ReportWriter;
import io.tandem.validator.internal.scan.ScanQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link Validator} the builder makes: tables one after the other, each on its own. */
public final class DefaultValidator implements Validator {

  private final ValidationSettings settings;
  private final Cancellation cancellation = new Cancellation();

  public DefaultValidator(ValidationSettings settings) {
    this.settings = settings;
  }

  @Override
  public ValidationReport validate() {
    try {
      return validateTables();
    } finally {
      cancellation.reset();
    }
  }

  @Override
  public void cancel() {
    cancellation.cancel();
  }

  private ValidationReport validateTables() {
    Path directory = settings.reportDirectory();
    List<TableValidation> tables = new ArrayList<>();
    MismatchLedger ledger = directory == null ? null : MismatchLedger.create(directory);
    try {
      TableValidationRun run = new TableValidationRun(settings, ledger, cancellation);
      for (String table : tables()) {
        TableValidation validation = run.run(table);
        tables.add(validation);
        if (validation.cancelled()) {
          break;
        }
      }
    } finally {
      if (ledger != null) {
        ledger.close();
      }
    }
    if (settings.progress() != null) {
      ConsoleSummary.print(settings.progress(), tables);
    }
    if (directory == null) {
      return new ValidationReport(tables, Optional.empty(), Optional.empty(), Optional.empty());
    }
    return new ValidationReport(tables, Optional.of(ledger.path()),
        Optional.of(ReportWriter.writeSummary(directory, tables)), Optional.of(ReportWriter.writeHtml(directory, tables)));
  }

  @Override
  public CountReport count() {
    List<TableCount> counts = new ArrayList<>();
    TableValidationRun run = new TableValidationRun(settings, null, new Cancellation());
    for (String table : tables()) {
      ScanQuery query = TableSetup.query(settings, table);
      RangeCounter counter = new RangeCounter(query, settings.scanSettings(), settings.source(), settings.target());
      RangeRunResult result = new RangeRunner(settings.concurrency(), "count-" + table, Duration.ofMillis(500))
          .run(RingSplitter.split(settings.source(), query.partitioner(), settings.splits()), counter,
              run.listener("count " + query.schema().displayName()));
      counts.add(new TableCount(query.schema().displayName(), counter.sourceRows(), counter.targetRows(),
          TableValidationRun.failures(result)));
    }
    return new CountReport(counts);
  }

  @Override
  public SampleReport sample(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    List<TableSample> results = new ArrayList<>();
    for (String table : tables()) {
      ScanQuery query = TableSetup.query(settings, table);
      TableContext context = TableContext.create(settings, query, settings.clock().instant(), null);
      results.add(new Sampler(context, settings).sample(samples));
    }
    return new SampleReport(results);
  }

  /** The configured tables, or every table of the keyspace as the source knows it now. */
  private List<String> tables() {
    if (!settings.tables().isEmpty()) {
      return settings.tables();
    }
    settings.source().refreshSchema();
    KeyspaceMetadata keyspace = settings.source().getMetadata().getKeyspace(CqlIdentifier.fromCql(settings.keyspace()))
        .orElseThrow(() -> new IllegalArgumentException(
            "Keyspace " + settings.keyspace() + " does not exist on " + settings.source().getName()));
    return keyspace.getTables().keySet().stream().map(name -> name.asCql(true))
        .sorted().toList();
  }
}
