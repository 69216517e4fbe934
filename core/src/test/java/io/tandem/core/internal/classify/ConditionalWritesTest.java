package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.internal.classify.ConditionalWrite.Marker;
import org.junit.jupiter.api.Test;

/** The IF clause of an LWT removed, with the values it alone used; the terms read back needs. */
class ConditionalWritesTest {

  @Test
  void should_strip_if_not_exists_of_an_insert_and_keep_its_using_clause() {
    ConditionalWrite lwt = parse("INSERT INTO ks.t (id, v) VALUES (?, ?) IF NOT EXISTS USING TTL 60");

    assertThat(lwt.unconditionalQuery()).isEqualTo("INSERT INTO ks.t (id, v) VALUES (?, ?) USING TTL 60");
    assertThat(lwt.keyspace()).isEqualTo("ks");
    assertThat(lwt.table()).isEqualTo("t");
    assertThat(lwt.removedPositions()).isEmpty();
    assertThat(lwt.written()).containsOnlyKeys("id", "v");
    assertThat(lwt.restrictions().get("id").markers()).containsExactly(new Marker(0, null));
  }

  @Test
  void should_strip_the_condition_of_an_update_with_the_values_it_used() {
    ConditionalWrite lwt = parse("update t using ttl ? set v = ?, n = 3 where id = ? and c = 'x' if v = ? and n > ?");

    assertThat(lwt.unconditionalQuery()).isEqualTo("update t using ttl ? set v = ?, n = 3 where id = ? and c = 'x'");
    assertThat(lwt.keyspace()).isNull();
    assertThat(lwt.removedPositions()).containsExactly(3, 4);
    assertThat(lwt.written()).containsOnlyKeys("v", "n");
    assertThat(lwt.written().get("n").text()).isEqualTo("3");
    assertThat(lwt.restrictions().get("id").markers()).containsExactly(new Marker(2, null));
    assertThat(lwt.restrictions().get("c").text()).isEqualTo("'x'");
  }

  @Test
  void should_strip_if_exists_and_keep_named_values_used_elsewhere() {
    ConditionalWrite lwt = parse("UPDATE ks.t SET v = :v WHERE id = :id IF v = :old AND w = :v");

    assertThat(lwt.unconditionalQuery()).isEqualTo("UPDATE ks.t SET v = :v WHERE id = :id");
    assertThat(lwt.removedNames()).containsExactly("old");
    assertThat(lwt.restrictions().get("id").markers()).containsExactly(new Marker(-1, "id"));
    assertThat(parse("UPDATE ks.t SET v = 1 WHERE id = 2 IF EXISTS").unconditionalQuery())
        .isEqualTo("UPDATE ks.t SET v = 1 WHERE id = 2");
  }

  @Test
  void should_leave_out_assignments_that_do_not_replace_the_whole_value() {
    ConditionalWrite lwt = parse("UPDATE t SET l = l + [1], m['k'] = 2, s = {'a'}, u.f = 1 WHERE id = 1 IF EXISTS");

    assertThat(lwt.written()).containsOnlyKeys("s");
  }

  @Test
  void should_strip_a_delete_condition_and_write_no_column() {
    ConditionalWrite lwt = parse("DELETE FROM ks.t WHERE id = 1 IF v = 'a'");

    assertThat(lwt.unconditionalQuery()).isEqualTo("DELETE FROM ks.t WHERE id = 1");
    assertThat(lwt.written()).isEmpty();
  }

  @Test
  void should_mark_a_null_literal() {
    assertThat(parse("INSERT INTO t (id, v) VALUES (1, null) IF NOT EXISTS").written().get("v").nullLiteral()).isTrue();
  }

  @Test
  void should_not_read_what_is_no_single_conditional_write() {
    assertThat(ConditionalWrites.parse("INSERT INTO t (id) VALUES (1)")).isEmpty();
    assertThat(ConditionalWrites.parse("UPDATE t SET v = 'IF' WHERE id = 1")).isEmpty();
    assertThat(ConditionalWrites.parse("INSERT INTO t JSON '{\"id\": 1}' IF NOT EXISTS")).isEmpty();
    assertThat(ConditionalWrites.parse("SELECT * FROM t")).isEmpty();
    assertThat(ConditionalWrites.parse("UPDATE t SET v = 'unclosed")).isEmpty();
    assertThat(ConditionalWrites.parse("UPDATE t SET v = 1 WHERE id = 1 IF EXISTS; DELETE FROM t WHERE id = 2")).isEmpty();
  }

  private static ConditionalWrite parse(String query) {
    return ConditionalWrites.parse(query).orElseThrow();
  }
}
