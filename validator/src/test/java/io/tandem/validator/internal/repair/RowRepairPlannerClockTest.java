package io.tandem.validator.internal.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.TableSchema;
import io.tandem.validator.internal.write.RowWritePlanner;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** A target-only row with no cell to take a writetime from is deleted at the repair clock's time. */
class RowRepairPlannerClockTest {

  private static final Instant FIXED = Instant.parse("2021-03-04T05:06:07.123Z");

  private final TableSchema schema = mock(TableSchema.class);
  private final RowWritePlanner writes = mock(RowWritePlanner.class);
  private final BoundStatementBuilder builder = mock(BoundStatementBuilder.class, Mockito.RETURNS_SELF);
  private final BoundStatement delete = mock(BoundStatement.class);

  RowRepairPlannerClockTest() {
    ColumnSchema id = mock(ColumnSchema.class);
    when(id.cql()).thenReturn("id");
    when(schema.displayName()).thenReturn("ks.t");
    when(schema.qualifiedName()).thenReturn("ks.t");
    when(schema.partitionKey()).thenReturn(List.of(id));
    when(schema.primaryKey()).thenReturn(List.of(id));
    when(schema.cells()).thenReturn(List.of()); // a key-only table: no writetime to read
    PreparedStatement prepared = mock(PreparedStatement.class);
    when(writes.prepare(anyString())).thenReturn(prepared);
    when(prepared.boundStatementBuilder()).thenReturn(builder);
    when(builder.build()).thenReturn(delete);
  }

  @Test
  void should_delete_a_target_only_row_without_cells_at_the_given_clock_time() {
    RowRepairPlanner planner = new RowRepairPlanner(context(), true, Clock.fixed(FIXED, ZoneOffset.UTC));

    RowRepairPlanner.Plan plan = planner.plan(key(), Map.of("id", "1"), Optional.empty(), Optional.of(mock(Row.class)));

    long expectedMicros = FIXED.toEpochMilli() * 1000;
    assertThat(plan.actions()).singleElement().satisfies(action -> {
      assertThat(action.kind()).isEqualTo(RepairAction.Kind.DELETE_ROW);
      assertThat(action.timestamp()).isEqualTo(expectedMicros);
    });
    assertThat(plan.statements()).containsExactly(delete);
    verify(builder).setLong(0, expectedMicros);
  }

  @Test
  void should_follow_the_clock_from_one_row_to_the_next() {
    Clock later = Clock.offset(Clock.fixed(FIXED, ZoneOffset.UTC), java.time.Duration.ofSeconds(5));
    RowRepairPlanner planner = new RowRepairPlanner(context(), true, later);

    RowRepairPlanner.Plan plan = planner.plan(key(), Map.of("id", "1"), Optional.empty(), Optional.of(mock(Row.class)));

    assertThat(plan.actions().get(0).timestamp()).isEqualTo((FIXED.toEpochMilli() + 5_000) * 1000);
  }

  private TableRepairContext context() {
    return new TableRepairContext(schema, null, null, null, writes, null, null);
  }

  private static RowKey key() {
    return new RowKey(BigInteger.ONE, new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})});
  }
}
