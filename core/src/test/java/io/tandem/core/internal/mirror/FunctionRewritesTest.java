package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.mirror.BoundQuery;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FunctionRewritesTest {

  private static final long TIMESTAMP_MICROS = 1_700_000_000_000_000L;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FunctionRewrites rewrites = new FunctionRewrites(registry, 100);
  private final Logger logger = (Logger) LoggerFactory.getLogger(FunctionRewrites.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logged);
  }

  @Test
  void should_pass_text_it_cannot_parse_through_untouched_with_one_warn_per_text() {
    BoundQuery unparseable = BoundQuery.of("INSERT INTO ks.t (k, at) VALUES (?, now()) ~", List.of(key()));

    BoundQuery first = rewrites.rewrite(unparseable, TIMESTAMP_MICROS);
    BoundQuery second = rewrites.rewrite(unparseable, TIMESTAMP_MICROS);

    assertThat(first).isSameAs(unparseable);
    assertThat(second).isSameAs(unparseable);
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains(unparseable.query()).contains("cannot be parsed");
    });
    assertThat(rewrites.notRewritableCount()).isEqualTo(2);
    assertThat(rewrites.rewrittenCount()).isZero();
  }

  @Test
  void should_rewrite_a_text_the_same_way_each_time_with_new_values_and_no_warn() {
    BoundQuery query = BoundQuery.of("INSERT INTO ks.t (k, id) VALUES (?, uuid())", List.of(key()));

    BoundQuery first = rewrites.rewrite(query, TIMESTAMP_MICROS);
    BoundQuery second = rewrites.rewrite(query, TIMESTAMP_MICROS);

    assertThat(first.query()).isEqualTo(second.query()).isEqualTo("INSERT INTO ks.t (k, id) VALUES (?, ?)");
    assertThat(first.values().get(1)).isNotEqualTo(second.values().get(1));
    assertThat(logged.list).isEmpty();
    assertThat(rewrites.rewrittenCount()).isEqualTo(2);
  }

  @Test
  void should_turn_calls_into_literals_in_a_query_without_values() {
    BoundQuery rewritten = rewrites.rewrite(BoundQuery.of("INSERT INTO ks.t (k, at) VALUES (1, now())"),
        TIMESTAMP_MICROS);

    assertThat(rewritten.query()).doesNotContain("now()").doesNotContain("?");
    assertThat(rewrites.rewrittenCount()).isEqualTo(1);
  }

  private static ByteBuffer key() {
    return ByteBuffer.allocate(4).putInt(0, 1);
  }
}
