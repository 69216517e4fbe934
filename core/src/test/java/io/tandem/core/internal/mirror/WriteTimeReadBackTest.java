package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.internal.classify.ConditionalWrites;
import io.tandem.core.internal.mirror.WriteTimeReadBack.TableColumns;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which column an applied LWT's write time is read from, and the LWT sent without its condition. */
class WriteTimeReadBackTest {

  private static final TableColumns COLUMNS = new TableColumns(List.of("id"), List.of("c"), Set.of("s"),
      Set.of("v", "s"));
  private static final ByteBuffer ONE = ByteBuffer.wrap(new byte[] {1});
  private static final ByteBuffer TWO = ByteBuffer.wrap(new byte[] {2});

  @Test
  void should_read_the_write_time_of_a_regular_column_at_the_written_row() {
    BoundQuery query = BoundQuery.of("INSERT INTO t (id, c, v) VALUES (?, 'x', ?) IF NOT EXISTS", List.of(ONE, TWO));

    WriteTimeReadBack readBack = plan(query).orElseThrow();

    assertThat(readBack.select()).isEqualTo("SELECT v, WRITETIME(v) FROM ks.t WHERE id = ? AND c = 'x'");
    assertThat(readBack.values()).containsExactly(ONE);
    assertThat(readBack.expected()).isEqualTo(TWO);
  }

  @Test
  void should_read_a_static_column_with_the_partition_key_only() {
    BoundQuery query = BoundQuery.of("UPDATE t SET s = 'a' WHERE id = ? IF s = 'b'", List.of(ONE));

    assertThat(plan(query).orElseThrow().select()).isEqualTo("SELECT s, WRITETIME(s) FROM ks.t WHERE id = ?");
  }

  @Test
  void should_skip_null_and_unset_values_and_key_columns() {
    BoundQuery nulls = BoundQuery.of("INSERT INTO t (id, c, v) VALUES (?, 'x', ?) IF NOT EXISTS",
        Arrays.asList(ONE, null));
    BoundQuery unset = BoundQuery.of("INSERT INTO t (id, c, v) VALUES (?, 'x', ?) IF NOT EXISTS",
        List.of(ONE, BoundQuery.UNSET));

    assertThat(plan(nulls)).isEmpty();
    assertThat(plan(unset)).isEmpty();
    assertThat(plan(BoundQuery.of("INSERT INTO t (id, c) VALUES (1, 'x') IF NOT EXISTS"))).isEmpty();
  }

  @Test
  void should_have_no_read_back_for_a_delete_or_a_key_it_does_not_fix() {
    assertThat(plan(BoundQuery.of("DELETE FROM t WHERE id = 1 AND c = 'x' IF EXISTS"))).isEmpty();
    assertThat(plan(BoundQuery.of("UPDATE t SET v = 1 WHERE id = 1 AND c IN ('x') IF EXISTS"))).isEmpty();
  }

  @Test
  void should_drop_the_values_of_the_condition() {
    BoundQuery query = BoundQuery.of("UPDATE t SET v = ? WHERE id = ? AND c = 'x' IF v = ?", List.of(TWO, ONE, ONE));

    BoundQuery unconditional = WriteTimeReadBack.unconditional(ConditionalWrites.parse(query.query()).orElseThrow(),
        query);

    assertThat(unconditional).isEqualTo(
        BoundQuery.of("UPDATE t SET v = ? WHERE id = ? AND c = 'x'", List.of(TWO, ONE)));
  }

  @Test
  void should_drop_the_named_values_only_the_condition_used() {
    Map<String, ByteBuffer> values = new LinkedHashMap<>();
    values.put("v", TWO);
    values.put("id", ONE);
    values.put("old", ONE);
    BoundQuery query = BoundQuery.ofNamed("UPDATE t SET v = :v WHERE id = :id AND c = 'x' IF v = :old", values);

    BoundQuery unconditional = WriteTimeReadBack.unconditional(ConditionalWrites.parse(query.query()).orElseThrow(),
        query);

    assertThat(unconditional.namedValues()).containsOnlyKeys("v", "id");
    assertThat(plan(query).orElseThrow().values()).containsExactly(ONE);
  }

  private static Optional<WriteTimeReadBack> plan(BoundQuery query) {
    return WriteTimeReadBack.plan(ConditionalWrites.parse(query.query()).orElseThrow(), query, "ks", COLUMNS);
  }
}
