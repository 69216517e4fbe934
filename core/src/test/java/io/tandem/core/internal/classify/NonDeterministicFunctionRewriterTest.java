package io.tandem.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NonDeterministicFunctionRewriterTest {

  private static final Pattern UUID_LITERAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
  /** 2024-02-29T23:59:58.123456Z. */
  private static final long TIMESTAMP_MICROS = ChronoUnit.MICROS.between(
      Instant.EPOCH, Instant.parse("2024-02-29T23:59:58.123456Z"));

  private final NonDeterministicFunctionRewriter rewriter = new NonDeterministicFunctionRewriter();

  @Test
  void should_replace_now_by_a_timeuuid_of_the_write_timestamp() {
    String rewritten = rewriter.rewrite("INSERT INTO ks.t (k, v) VALUES (1, now())", TIMESTAMP_MICROS);

    UUID timeUuid = single(uuids(rewritten));
    assertThat(rewritten).isEqualTo("INSERT INTO ks.t (k, v) VALUES (1, " + timeUuid + ")");
    assertThat(timeUuid.version()).isEqualTo(1);
    assertThat(timeUuid.variant()).isEqualTo(2);
    assertThat(timeUuid.timestamp()).isEqualTo(TIMESTAMP_MICROS * 10 + UUID_EPOCH_OFFSET);
  }

  @Test
  void should_give_every_now_call_the_same_timeuuid() {
    String rewritten = rewriter.rewrite(
        "INSERT INTO ks.t (k, a, b, c, d) "
            + "VALUES (1, now(), currentTimeUUID(), NOW ( ), system.current_timeuuid())",
        TIMESTAMP_MICROS);

    UUID timeUuid = uuids(rewritten).get(0);
    assertThat(rewritten).isEqualTo("INSERT INTO ks.t (k, a, b, c, d) VALUES (1, %s, %s, %s, %s)"
        .formatted(timeUuid, timeUuid, timeUuid, timeUuid));
  }

  @Test
  void should_give_two_writes_with_the_same_timestamp_different_timeuuids() {
    String query = "INSERT INTO ks.t (k, v) VALUES (1, now())";

    UUID first = single(uuids(rewriter.rewrite(query, TIMESTAMP_MICROS)));
    UUID second = single(uuids(rewriter.rewrite(query, TIMESTAMP_MICROS)));

    assertThat(second).isNotEqualTo(first);
    assertThat(second.timestamp()).isEqualTo(first.timestamp());
  }

  @Test
  void should_give_every_uuid_call_a_different_random_uuid() {
    String rewritten =
        rewriter.rewrite("INSERT INTO ks.t (k, a, b) VALUES (uuid(), UUID(), uuid ())", TIMESTAMP_MICROS);

    List<UUID> uuids = uuids(rewritten);
    assertThat(uuids).hasSize(3).doesNotHaveDuplicates();
    assertThat(uuids).allSatisfy(uuid -> assertThat(uuid.version()).isEqualTo(4));
  }

  @Test
  void should_replace_current_timestamp_date_and_time() {
    String rewritten = rewriter.rewrite(
        "UPDATE ks.t SET ts = currentTimestamp(), d = CURRENTDATE(), t = current_time() WHERE k = 1",
        TIMESTAMP_MICROS);

    assertThat(rewritten).isEqualTo(
        "UPDATE ks.t SET ts = 1709251198123, d = '2024-02-29', t = '23:59:58.123456000' WHERE k = 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO ks.t (k, v) VALUES (1, 2)",
      "INSERT INTO ks.t (k, \"now\", v) VALUES (1, 'now()', $$uuid()$$) -- now()",
      "INSERT INTO ks.t (k, v) VALUES (1, 'it''s now()') /* currentTimestamp() */",
      "INSERT INTO uuid (k, v) VALUES (1, ks.now())",
      "SELECT * FROM ks.t WHERE k = 'unterminated now()",
      "SELECT now(1) FROM ks.t",
      ""})
  void should_return_the_same_instance_when_nothing_is_replaced(String query) {
    assertThat(rewriter.rewrite(query, TIMESTAMP_MICROS)).isSameAs(query);
  }

  @Test
  void should_replace_only_calls_outside_literals_and_comments() {
    String rewritten = rewriter.rewrite(
        "INSERT INTO ks.t (k, v, w) VALUES (1, 'now()', /* now() */ currentDate()) -- uuid()",
        TIMESTAMP_MICROS);

    assertThat(rewritten)
        .isEqualTo("INSERT INTO ks.t (k, v, w) VALUES (1, 'now()', /* now() */ '2024-02-29') -- uuid()");
  }

  @Test
  void should_convert_timestamps_before_the_epoch() {
    long micros = -1_500_001L;

    String rewritten = rewriter.rewrite("UPDATE ks.t SET v = now(), t = currentTime() WHERE k = 1", micros);

    assertThat(single(uuids(rewritten)).timestamp()).isEqualTo(micros * 10 + UUID_EPOCH_OFFSET);
    assertThat(rewritten).endsWith("t = '23:59:58.499999000' WHERE k = 1");
  }

  private static List<UUID> uuids(String text) {
    Matcher matcher = UUID_LITERAL.matcher(text);
    return matcher.results().map(result -> UUID.fromString(result.group())).toList();
  }

  private static UUID single(List<UUID> uuids) {
    assertThat(uuids).hasSize(1);
    return uuids.get(0);
  }
}
