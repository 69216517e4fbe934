package io.tandem.validator.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.ColumnSchema.Role;
import io.tandem.validator.internal.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan's projection with and without the writetime and TTL of multi-cell columns (5.0 and before). */
class ScanQueryTest {

  private final ColumnSchema key = column("k", DataTypes.INT, Role.PARTITION_KEY);
  private final ColumnSchema value = column("v", DataTypes.TEXT, Role.REGULAR);
  private final ColumnSchema frozen = column("f", DataTypes.frozenSetOf(DataTypes.INT), Role.REGULAR);
  private final ColumnSchema list = column("l", DataTypes.listOf(DataTypes.TEXT), Role.REGULAR);
  private final ColumnSchema map = column("m", DataTypes.mapOf(DataTypes.TEXT, DataTypes.INT), Role.REGULAR);
  private final TableSchema schema = mock(TableSchema.class);

  ScanQueryTest() {
    when(schema.tokenFunction()).thenReturn("token(k)");
    when(schema.qualifiedName()).thenReturn("ks.t");
    when(schema.displayName()).thenReturn("ks.t");
    when(schema.partitionKey()).thenReturn(List.of(key));
    when(schema.primaryKey()).thenReturn(List.of(key));
    when(schema.cells()).thenReturn(List.of(value, frozen, list, map));
  }

  @Test
  void should_read_writetime_and_ttl_of_every_column_when_the_clusters_can() {
    ScanQuery query = new ScanQuery(schema, Partitioner.MURMUR3, true);

    assertThat(query.rowCql()).isEqualTo("SELECT token(k), k, v, WRITETIME(v), TTL(v), f, WRITETIME(f), TTL(f), "
        + "l, WRITETIME(l), TTL(l), m, WRITETIME(m), TTL(m) FROM ks.t WHERE k = ?");
    assertThat(query.hasCellMetadata(list)).isTrue();
    assertThat(query.writetimeIndex(map)).isEqualTo(12);
  }

  @Test
  void should_read_only_the_value_of_multi_cell_columns_before_5_0() {
    ScanQuery query = new ScanQuery(schema, Partitioner.MURMUR3, false);

    assertThat(query.rowCql()).isEqualTo("SELECT token(k), k, v, WRITETIME(v), TTL(v), f, WRITETIME(f), TTL(f), "
        + "l, m FROM ks.t WHERE k = ?");
    assertThat(query.hasCellMetadata(value)).isTrue();
    assertThat(query.hasCellMetadata(frozen)).isTrue();
    assertThat(query.hasCellMetadata(list)).isFalse();
    assertThat(query.valueIndex(list)).isEqualTo(8);
    assertThat(query.valueIndex(map)).isEqualTo(9);
    assertThatThrownBy(() -> query.writetimeIndex(map)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m of ks.t has no WRITETIME");
  }

  @Test
  void should_never_read_writetime_of_a_counter() {
    ColumnSchema counter = column("n", DataTypes.COUNTER, Role.REGULAR);
    when(schema.cells()).thenReturn(List.of(counter));

    ScanQuery query = new ScanQuery(schema, Partitioner.MURMUR3, true);

    assertThat(query.rowCql()).isEqualTo("SELECT token(k), k, n FROM ks.t WHERE k = ?");
    assertThat(query.hasCellMetadata(counter)).isFalse();
  }

  private static ColumnSchema column(String name, DataType type, Role role) {
    return new ColumnSchema(CqlIdentifier.fromCql(name), type, role);
  }
}
