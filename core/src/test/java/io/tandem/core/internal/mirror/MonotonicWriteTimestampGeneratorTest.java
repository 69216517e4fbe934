package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MonotonicWriteTimestampGeneratorTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00.000123Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void should_return_the_clock_in_microseconds() {
    long expected = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000L + 123;

    assertThat(new MonotonicWriteTimestampGenerator(clock).next()).isEqualTo(expected);
  }

  @Test
  void should_increase_strictly_when_the_clock_stands_still() {
    MonotonicWriteTimestampGenerator generator = new MonotonicWriteTimestampGenerator(clock);

    long first = generator.next();
    long second = generator.next();

    assertThat(second).isEqualTo(first + 1);
  }

  @Test
  void should_never_go_back_when_the_clock_does() {
    MonotonicWriteTimestampGenerator generator = new MonotonicWriteTimestampGenerator(clock);
    long before = generator.next();

    now.set(now.get().minusSeconds(5));

    assertThat(generator.next()).isGreaterThan(before);
  }
}
