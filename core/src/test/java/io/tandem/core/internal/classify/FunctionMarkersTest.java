package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.internal.classify.FunctionMarkers.Outcome;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FunctionMarkersTest {

  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
  /** 2024-02-29T23:59:58.123456Z. */
  private static final long TIMESTAMP_MICROS = ChronoUnit.MICROS.between(
      Instant.EPOCH, Instant.parse("2024-02-29T23:59:58.123456Z"));
  private static final ByteBuffer KEY = ByteBuffer.allocate(4).putInt(0, 42);

  private final NonDeterministicFunctionRewriter rewriter = new NonDeterministicFunctionRewriter();

  @ParameterizedTest
  @ValueSource(strings = {"now()", "currentTimeUUID()", "current_timeuuid()", "system.now()", "NOW ( )",
      "uuid()", "currentTimestamp()", "current_timestamp()", "currentDate()", "current_date()",
      "currentTime()", "system.current_time()"})
  void should_turn_each_function_and_alias_into_a_positional_marker(String call) {
    FunctionMarkers markers = FunctionMarkers.of("INSERT INTO ks.t (k, v) VALUES (?, " + call + ")", false);

    assertThat(markers.outcome()).isEqualTo(Outcome.REWRITTEN);
    assertThat(markers.query()).isEqualTo("INSERT INTO ks.t (k, v) VALUES (?, ?)");
  }

  @Test
  void should_generate_the_values_of_each_kind_from_the_write_timestamp() {
    FunctionMarkers markers = FunctionMarkers.of(
        "INSERT INTO ks.t (a, b, c, d, e, k) VALUES (now(), uuid(), currentTimestamp(), currentDate(), "
            + "currentTime(), ?)", false);

    BoundQuery bound = rewriter.bind(markers, BoundQuery.of("ignored", List.of(KEY)), TIMESTAMP_MICROS);

    List<ByteBuffer> values = bound.values();
    assertThat(bound.query()).isEqualTo("INSERT INTO ks.t (a, b, c, d, e, k) VALUES (?, ?, ?, ?, ?, ?)");
    UUID timeUuid = uuid(values.get(0));
    assertThat(timeUuid.version()).isEqualTo(1);
    assertThat(timeUuid.timestamp()).isEqualTo(TIMESTAMP_MICROS * 10 + UUID_EPOCH_OFFSET);
    assertThat(uuid(values.get(1)).version()).isEqualTo(4);
    assertThat(values.get(2).getLong(0)).isEqualTo(TIMESTAMP_MICROS / 1_000);
    assertThat(values.get(3).getInt(0) - Integer.MIN_VALUE).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(values.get(4).getLong(0)).isEqualTo(LocalTime.parse("23:59:58.123456").toNanoOfDay());
    assertThat(values.get(5)).isSameAs(KEY);
  }

  @Test
  void should_give_every_timeuuid_of_one_execution_the_same_value_and_the_next_execution_another() {
    FunctionMarkers markers = FunctionMarkers.of("UPDATE ks.t SET a = now(), b = currentTimeUUID() WHERE k = ?", false);
    BoundQuery query = BoundQuery.of("ignored", List.of(KEY));

    List<ByteBuffer> first = rewriter.bind(markers, query, TIMESTAMP_MICROS).values();
    List<ByteBuffer> second = rewriter.bind(markers, query, TIMESTAMP_MICROS).values();

    assertThat(first.get(0)).isEqualTo(first.get(1));
    assertThat(second.get(0)).isNotEqualTo(first.get(0));
  }

  @Test
  void should_place_the_values_among_the_client_markers_in_text_order() {
    FunctionMarkers markers = FunctionMarkers.of(
        "UPDATE ks.t USING TTL ? SET a = now(), b = :b WHERE k = ? AND c = uuid()", false);
    ByteBuffer ttl = ByteBuffer.allocate(4);
    ByteBuffer b = ByteBuffer.allocate(1);

    List<ByteBuffer> values = rewriter.bind(markers, BoundQuery.of("x", List.of(ttl, b, KEY)), TIMESTAMP_MICROS)
        .values();

    assertThat(markers.query()).isEqualTo("UPDATE ks.t USING TTL ? SET a = ?, b = :b WHERE k = ? AND c = ?");
    assertThat(values).hasSize(5);
    assertThat(values.get(0)).isSameAs(ttl);
    assertThat(values.get(2)).isSameAs(b);
    assertThat(values.get(3)).isSameAs(KEY);
    assertThat(uuid(values.get(4)).version()).isEqualTo(4);
  }

  @Test
  void should_use_named_markers_for_named_values() {
    FunctionMarkers markers = FunctionMarkers.of("INSERT INTO ks.t (k, at, id) VALUES (:k, now(), uuid())", true);
    Map<String, ByteBuffer> named = new LinkedHashMap<>();
    named.put("k", KEY);

    BoundQuery bound = rewriter.bind(markers, BoundQuery.ofNamed("x", named), TIMESTAMP_MICROS);

    assertThat(bound.query()).isEqualTo("INSERT INTO ks.t (k, at, id) VALUES (:k, :tandem_fn_0, :tandem_fn_1)");
    assertThat(bound.namedValues()).containsOnlyKeys("k", "tandem_fn_0", "tandem_fn_1");
    assertThat(uuid(bound.namedValues().get("tandem_fn_0")).version()).isEqualTo(1);
  }

  @Test
  void should_cast_a_marker_that_is_the_argument_of_another_function() {
    FunctionMarkers markers = FunctionMarkers.of(
        "INSERT INTO ks.t (k, at, day, tu) VALUES (?, toTimestamp(now()), system.toDate(currentTimestamp()), "
            + "(now(), 1))", false);

    assertThat(markers.query()).isEqualTo("INSERT INTO ks.t (k, at, day, tu) VALUES (?, toTimestamp((timeuuid)?), "
        + "system.toDate((timestamp)?), (?, 1))");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void should_leave_a_text_the_classifier_reads_as_the_same_replayable_write(boolean named) {
    FunctionMarkers markers = FunctionMarkers.of(
        "UPDATE ks.t SET at = toTimestamp(now()), id = uuid() WHERE k = " + (named ? ":k" : "?"), named);

    var classification = new DefaultStatementClassifier().classify(markers.query());

    assertThat(classification.keyspace()).isEqualTo("ks");
    assertThat(classification.table()).isEqualTo("t");
    assertThat(classification.nonIdempotent()).isFalse();
    assertThat(classification.nonDeterministicFunctions()).isFalse();
  }

  @Test
  void should_rewrite_the_children_of_a_batch_text() {
    FunctionMarkers markers = FunctionMarkers.of("BEGIN BATCH INSERT INTO ks.t (k, at) VALUES (?, now()); "
        + "UPDATE ks.u SET id = uuid() WHERE k = ? APPLY BATCH", false);

    BoundQuery bound = rewriter.bind(markers, BoundQuery.of("x", List.of(KEY, KEY)), TIMESTAMP_MICROS);

    assertThat(bound.query()).isEqualTo("BEGIN BATCH INSERT INTO ks.t (k, at) VALUES (?, ?); "
        + "UPDATE ks.u SET id = ? WHERE k = ? APPLY BATCH");
    assertThat(bound.values()).hasSize(4);
    assertThat(bound.values().get(0)).isSameAs(KEY);
    assertThat(bound.values().get(3)).isSameAs(KEY);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "UPDATE ks.t SET v = ? WHERE k = 1 IF at < currentTimestamp()|inside an IF condition",
      "INSERT INTO ks.t (k, v) VALUES (?, now(1))|called with arguments",
      "INSERT INTO ks.t (k, v) VALUES (?, now()) ~|cannot be parsed"})
  void should_leave_what_it_cannot_rewrite_and_say_why(String query, String reason) {
    FunctionMarkers markers = FunctionMarkers.of(query, false);
    BoundQuery original = BoundQuery.of(query, List.of(KEY));

    assertThat(markers.outcome()).isEqualTo(Outcome.NOT_REWRITABLE);
    assertThat(markers.reason()).contains(reason);
    assertThat(rewriter.bind(markers, original, TIMESTAMP_MICROS)).isSameAs(original);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO ks.t (k, v) VALUES (?, ?) IF NOT EXISTS",
      "INSERT INTO ks.t (k, v) VALUES (?, 'now()')",
      "INSERT INTO ks.t (k, v) VALUES (?, other.now())",
      "INSERT INTO ks.t (k, v) VALUES (?, ?) ~"})
  void should_find_nothing_to_do_without_calls(String query) {
    assertThat(FunctionMarkers.of(query, false).outcome()).isEqualTo(Outcome.NONE);
  }

  @Test
  void should_rewrite_calls_before_if_not_exists() {
    FunctionMarkers markers = FunctionMarkers.of("INSERT INTO ks.t (k, at) VALUES (?, now()) IF NOT EXISTS", false);

    assertThat(markers.query()).isEqualTo("INSERT INTO ks.t (k, at) VALUES (?, ?) IF NOT EXISTS");
  }

  @Test
  void should_leave_values_that_do_not_fit_the_text() {
    FunctionMarkers markers = FunctionMarkers.of("INSERT INTO ks.t (k, a, at) VALUES (?, ?, now())", false);
    BoundQuery missing = BoundQuery.of("x", List.of(KEY));

    assertThat(rewriter.bind(markers, missing, TIMESTAMP_MICROS)).isSameAs(missing);
  }

  private static UUID uuid(ByteBuffer bytes) {
    return new UUID(bytes.getLong(0), bytes.getLong(8));
  }
}
