package io.tandem.cli.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tandem.cli.FakeControlStore;
import io.tandem.cli.control.ControlPlane;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.MismatchKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecorderTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  private final FakeControlStore store = new FakeControlStore();
  private final StringWriter err = new StringWriter();
  private final Recorder recorder = new Recorder("orders-2026",
      new ControlPlane(store, mock(MigrationCoordinator.class), () -> {}), Clock.systemUTC(),
      new PrintWriter(err, true), "validation");

  @Test
  void should_record_each_table_validated_to_the_end_with_its_unexplained_differences() {
    ValidationReport report = new ValidationReport(List.of(
        table("shop.orders", Map.of(MismatchKind.MISMATCH, 2L, MismatchKind.IN_FLIGHT, 7L), false),
        table("shop.items", Map.of(), true)), Optional.empty(), Optional.empty(), Optional.empty());

    new ValidationRecorder(recorder).validated(report);

    assertThat(store.validations).containsExactly(
        new ValidationSummary("shop.orders", START, START.plusSeconds(90), 2, 0));
  }

  @Test
  void should_warn_once_and_go_on_when_the_store_cannot_be_written() {
    store.unreachable = true;

    recorder.record(new CopyProgress("shop.orders", 1, 4, START));
    recorder.record(new CopyProgress("shop.orders", 2, 4, START));

    assertThat(err.toString().strip().split("\\R")).hasSize(1);
    assertThat(err.toString()).startsWith("WARN").contains("not recorded in migration orders-2026")
        .contains("control cluster down");
  }

  private static TableValidation table(String name, Map<MismatchKind, Long> counts, boolean cancelled) {
    return new TableValidation(name, 10, 10, 10, counts, List.of(), List.of(), START, Duration.ofSeconds(90),
        cancelled);
  }
}
