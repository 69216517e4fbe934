package io.tandem.validator.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.internal.report.CqlLiterals;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.RowLookup;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.TableSchema;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A difference is dated by the validation's clock when it is seen, not by the wall clock. */
class RechecksClockTest {

  private static final Instant SEEN = Instant.parse("2020-01-02T03:04:05.678Z");

  @Test
  void should_date_a_difference_with_the_validation_clock() {
    TableSchema schema = mock(TableSchema.class);
    when(schema.displayName()).thenReturn("ks.t");
    ScanQuery query = mock(ScanQuery.class);
    when(query.schema()).thenReturn(schema);
    CqlLiterals literals = mock(CqlLiterals.class);
    when(literals.formatKey(any(), any())).thenReturn(Map.of("id", "1"));
    RowLookup absent = mock(RowLookup.class);
    when(absent.read(any())).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    TableCollector collector = new TableCollector("ks.t", 10, null, new SimpleMeterRegistry());
    TableContext context = new TableContext(query, absent, absent, null, literals, collector, 0L,
        Clock.fixed(SEEN, ZoneOffset.UTC));
    Rechecks rechecks = new Rechecks(context, Duration.ZERO, 4);

    rechecks.add(new RowKey(BigInteger.ONE, new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})}),
        MismatchKind.MISSING_IN_TARGET, List.of(), false);
    rechecks.drain();

    assertThat(collector.kept()).singleElement().satisfies(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(MismatchKind.IN_FLIGHT); // gone on both sides by the recheck
      assertThat(mismatch.detectedAt()).isEqualTo(SEEN);
    });
  }
}
