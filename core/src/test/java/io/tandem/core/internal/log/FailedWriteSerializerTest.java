package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailedWriteSerializerTest {

  private static final Instant LOGGED_AT = Instant.ofEpochMilli(1_700_000_000_123L);
  /** What version 3 adds when both settings are the session's: a null string and a -1 long. */
  private static final int SETTINGS_BYTES = Integer.BYTES + Long.BYTES;

  @Test
  void should_round_trip_a_single_query() {
    FailedWrite write = SampleFailedWrites.write("one");

    FailedWrite read = roundTrip(write);

    assertThat(read).isEqualTo(write);
    assertThat(read.command().isBatch()).isFalse();
    assertThat(read.command().consistency()).isSameAs(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(read.command().timestamp()).isEqualTo(1_700_000_000_123_456L);
    assertThat(read.command().idempotent()).isTrue();
    assertThat(read.command().keyspace()).isEqualTo("ks");
  }

  @ParameterizedTest
  @EnumSource(DefaultBatchType.class)
  void should_round_trip_a_batch_with_its_children_in_order(DefaultBatchType type) {
    WriteCommand command = WriteCommand.batch(type)
        .addQuery(BoundQuery.of("UPDATE ks.c SET n = n + 1 WHERE id = ?", List.of(bytes("a"))))
        .addQuery(BoundQuery.of("UPDATE ks.c SET n = n + 1 WHERE id = 'b'"))
        .addQuery(BoundQuery.ofNamed("UPDATE ks.c SET n = n + :d WHERE id = :id",
            Map.of("d", bytes("1"))))
        .withTimestamp(42L)
        .build();
    FailedWrite write = new FailedWrite(Side.SOURCE, command, false, "timeout", LOGGED_AT);

    FailedWrite read = roundTrip(write);

    assertThat(read).isEqualTo(write);
    assertThat(read.command().batchType()).isSameAs(type);
    assertThat(read.command().queries()).hasSize(3);
    assertThat(read.side()).isEqualTo(Side.SOURCE);
    assertThat(read.replayable()).isFalse();
  }

  @Test
  void should_round_trip_nulls_and_absent_options() {
    WriteCommand command = WriteCommand.builder(
        BoundQuery.of("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", Arrays.asList(null, bytes("b"), null)))
        .build();
    FailedWrite write = new FailedWrite(Side.TARGET, command, true, "", LOGGED_AT);

    FailedWrite read = roundTrip(write);

    assertThat(read).isEqualTo(write);
    assertThat(read.command().keyspace()).isNull();
    assertThat(read.command().consistency()).isNull();
    assertThat(read.command().timestamp()).isEqualTo(WriteCommand.NO_TIMESTAMP);
    assertThat(read.command().queries().get(0).values()).containsExactly(null, bytes("b"), null);
  }

  @Test
  void should_restore_the_unset_marker_as_the_same_instance() {
    Map<String, ByteBuffer> named = new LinkedHashMap<>();
    named.put("a", BoundQuery.UNSET);
    named.put("b", null);
    WriteCommand command = WriteCommand.batch(DefaultBatchType.UNLOGGED)
        .addQuery(BoundQuery.of("INSERT INTO t (a, b) VALUES (?, ?)",
            Arrays.asList(BoundQuery.UNSET, bytes("x"))))
        .addQuery(BoundQuery.ofNamed("INSERT INTO t (a, b) VALUES (:a, :b)", named))
        .build();

    WriteCommand read = roundTrip(new FailedWrite(Side.TARGET, command, true, "c", LOGGED_AT)).command();

    assertThat(read.queries().get(0).values().get(0)).isSameAs(BoundQuery.UNSET);
    assertThat(read.queries().get(1).namedValues().get("a")).isSameAs(BoundQuery.UNSET);
    assertThat(read.queries().get(1).namedValues()).containsEntry("b", null);
  }

  @Test
  void should_keep_named_values_in_their_order() {
    Map<String, ByteBuffer> named = new LinkedHashMap<>();
    named.put("zeta", bytes("z"));
    named.put("alpha", bytes("a"));
    named.put("mu", bytes("m"));
    WriteCommand command =
        WriteCommand.builder(BoundQuery.ofNamed("INSERT INTO t (zeta, alpha, mu) VALUES (:zeta, :alpha, :mu)",
            named)).build();

    BoundQuery read = roundTrip(new FailedWrite(Side.TARGET, command, true, "c", LOGGED_AT)).command()
        .queries().get(0);

    assertThat(read.namedValues().keySet()).containsExactly("zeta", "alpha", "mu");
    assertThat(read.namedValues()).isEqualTo(named);
    assertThat(read.values()).isEmpty();
  }

  @Test
  void should_not_move_the_buffers_it_is_given() {
    ByteBuffer direct = ByteBuffer.allocateDirect(8).putLong(7L).flip();
    ByteBuffer slice = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3).slice();
    WriteCommand command =
        WriteCommand.builder(BoundQuery.of("INSERT INTO t (a, b) VALUES (?, ?)", List.of(direct, slice)))
            .build();
    byte[] payload = FailedWriteSerializer.serialize(new FailedWrite(Side.TARGET, command, true, "c",
        LOGGED_AT));
    ByteBuffer embedded = ByteBuffer.allocate(payload.length + 6);
    embedded.position(3).put(payload).position(3).limit(3 + payload.length);

    FailedWrite read = FailedWriteSerializer.deserialize(embedded);

    assertThat(direct.position()).isZero();
    assertThat(slice.position()).isZero();
    assertThat(embedded.position()).isEqualTo(3);
    assertThat(read.command().queries().get(0).values())
        .containsExactly(ByteBuffer.allocate(8).putLong(7L).flip(), ByteBuffer.wrap(new byte[] {1, 2, 3}));
  }

  @Test
  void should_round_trip_non_ascii_text() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of("INSERT INTO t (a) VALUES ('héllo ✓ 😀')"))
        .withKeyspace("ks_é").build();
    FailedWrite write = new FailedWrite(Side.TARGET, command, true, "Überlastet 😀", LOGGED_AT);

    assertThat(roundTrip(write)).isEqualTo(write);
  }

  @Test
  void should_cut_a_long_cause_to_1000_characters() {
    WriteCommand command = SampleFailedWrites.write("x").command();
    FailedWrite write = new FailedWrite(Side.TARGET, command, true, "e".repeat(5000), LOGGED_AT);

    assertThat(roundTrip(write).cause()).isEqualTo("e".repeat(1000));
  }

  @Test
  void should_not_split_a_surrogate_pair_when_cutting_the_cause() {
    String cause = "e".repeat(999) + "😀" + "tail";

    assertThat(FailedWriteSerializer.truncate(cause)).isEqualTo("e".repeat(999));
  }

  @Test
  void should_round_trip_the_login_of_a_command() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of("INSERT INTO ks.t (k) VALUES (1)"))
        .withTimestamp(7L).withLogin("app_user").build();
    FailedWrite write = new FailedWrite(Side.TARGET, command, true, "no session", LOGGED_AT);

    FailedWrite read = roundTrip(write);

    assertThat(read).isEqualTo(write);
    assertThat(read.command().login()).isEqualTo("app_user");
  }

  @Test
  void should_round_trip_the_serial_consistency_and_timeout_of_a_command() {
    WriteCommand command = WriteCommand.builder(BoundQuery.of("UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0"))
        .withConsistency(DefaultConsistencyLevel.LOCAL_QUORUM)
        .withSerialConsistency(DefaultConsistencyLevel.LOCAL_SERIAL)
        .withTimeout(Duration.ofMillis(7_000).plusNanos(1))
        .withLogin("app_user")
        .build();
    FailedWrite write = new FailedWrite(Side.TARGET, command, false, "timeout", LOGGED_AT);

    FailedWrite read = roundTrip(write);

    assertThat(read).isEqualTo(write);
    assertThat(read.command().serialConsistency()).isSameAs(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(read.command().timeout()).isEqualTo(Duration.ofMillis(7_000).plusNanos(1));
    assertThat(read.command().login()).isEqualTo("app_user");
  }

  @Test
  void should_read_a_payload_of_the_second_format_as_a_command_with_the_session_defaults() {
    WriteCommand command = SampleFailedWrites.write("one").command().toBuilder().withLogin("app_user").build();
    FailedWrite write = new FailedWrite(Side.TARGET, command, true, "one", LOGGED_AT);
    byte[] current = FailedWriteSerializer.serialize(write);
    // version 2 is version 3 without the trailing serial consistency (a null string) and timeout (a long)
    byte[] secondFormat = Arrays.copyOf(current, current.length - SETTINGS_BYTES);
    secondFormat[0] = 2;

    FailedWrite read = FailedWriteSerializer.deserialize(ByteBuffer.wrap(secondFormat));

    assertThat(read).isEqualTo(write);
    assertThat(read.command().login()).isEqualTo("app_user");
    assertThat(read.command().serialConsistency()).isNull();
    assertThat(read.command().timeout()).isNull();
  }

  @Test
  void should_reject_a_payload_with_an_impossible_timeout() {
    byte[] payload = FailedWriteSerializer.serialize(SampleFailedWrites.write("one"));
    ByteBuffer.wrap(payload).putLong(payload.length - Long.BYTES, 0L);

    assertThatThrownBy(() -> FailedWriteSerializer.deserialize(ByteBuffer.wrap(payload)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impossible timeout 0");
  }

  @Test
  void should_read_a_payload_of_the_first_format_as_a_command_without_login() {
    FailedWrite write = SampleFailedWrites.write("one");
    byte[] current = FailedWriteSerializer.serialize(write);
    // version 1 is version 2 without the trailing login (a null string: its length -1 in 4 bytes)
    byte[] firstFormat = Arrays.copyOf(current, current.length - SETTINGS_BYTES - Integer.BYTES);
    firstFormat[0] = 1;

    FailedWrite read = FailedWriteSerializer.deserialize(ByteBuffer.wrap(firstFormat));

    assertThat(read).isEqualTo(write);
    assertThat(read.command().login()).isNull();
  }

  @Test
  void should_reject_another_format_version() {
    byte[] payload = FailedWriteSerializer.serialize(SampleFailedWrites.write("one"));
    payload[0] = 99;

    assertThatThrownBy(() -> FailedWriteSerializer.deserialize(ByteBuffer.wrap(payload)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 99");
  }

  @Test
  void should_reject_a_truncated_payload() {
    byte[] payload = FailedWriteSerializer.serialize(SampleFailedWrites.write("one"));

    for (int length = 0; length < payload.length; length++) {
      ByteBuffer truncated = ByteBuffer.wrap(payload, 0, length);
      assertThatThrownBy(() -> FailedWriteSerializer.deserialize(truncated))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Malformed failed-write payload");
    }
  }

  @Test
  void should_reject_trailing_bytes() {
    byte[] payload = FailedWriteSerializer.serialize(SampleFailedWrites.write("one"));
    ByteBuffer longer = ByteBuffer.allocate(payload.length + 1).put(payload).put((byte) 0).flip();

    assertThatThrownBy(() -> FailedWriteSerializer.deserialize(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }

  private static FailedWrite roundTrip(FailedWrite write) {
    return FailedWriteSerializer.deserialize(ByteBuffer.wrap(FailedWriteSerializer.serialize(write)));
  }
}
