package io.tandem.validator.internal.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.range.TokenRange;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRangeTest {

  @Test
  void should_split_into_contiguous_pieces_and_parse_its_own_text() {
    TokenRange range = TokenRange.of(-10, 10);

    List<TokenRange> pieces = range.split(3);

    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0).start()).isEqualTo(range.start());
    assertThat(pieces.get(2).end()).isEqualTo(range.end());
    for (int index = 1; index < pieces.size(); index++) {
      assertThat(pieces.get(index).start()).isEqualTo(pieces.get(index - 1).end());
    }
    assertThat(TokenRange.of(0, 2).split(5)).hasSize(2);
    assertThat(TokenRange.parse(range.toString())).isEqualTo(range);
    assertThatThrownBy(() -> TokenRange.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_leave_what_remains_after_a_token() {
    TokenRange range = TokenRange.of(0, 100);

    assertThat(range.after(BigInteger.valueOf(40))).isEqualTo(TokenRange.of(40, 100));
    assertThat(range.after(BigInteger.valueOf(-5))).isEqualTo(range);
    assertThat(range.after(BigInteger.valueOf(100))).isNull();
  }

  @Test
  void should_cover_the_whole_ring_in_proportion_to_ownership_for_both_partitioners() {
    for (Partitioner partitioner : Partitioner.values()) {
      TokenRange ring = partitioner.fullRing();
      BigInteger quarter = ring.start().add(ring.width().divide(BigInteger.valueOf(4)));

      List<TokenRange> ranges = RingSplitter.split(partitioner, List.of(quarter), 100);

      assertThat(ranges.get(0).start()).isEqualTo(ring.start());
      assertThat(ranges.get(ranges.size() - 1).end()).isEqualTo(ring.end());
      for (int index = 1; index < ranges.size(); index++) {
        assertThat(ranges.get(index).start()).isEqualTo(ranges.get(index - 1).end());
      }
      long firstOwner = ranges.stream().filter(range -> range.end().compareTo(quarter) <= 0).count();
      assertThat(firstOwner).isEqualTo(25);
      assertThat(ranges).hasSize(100);
    }
  }
}
