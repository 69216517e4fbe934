package io.tandem.proxy.internal.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamIdPoolTest {

  @Test
  void should_hand_out_distinct_ids_until_exhausted_then_reuse_released_ones() {
    StreamIdPool pool = new StreamIdPool(3);

    assertThat(new int[] {pool.acquire(), pool.acquire(), pool.acquire()}).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(pool.acquire()).isEqualTo(-1);

    pool.release(1);
    assertThat(pool.inUse()).isEqualTo(2);
    assertThat(pool.acquire()).isEqualTo(1);
  }

  @Test
  void should_ignore_releasing_an_id_twice_or_out_of_range() {
    StreamIdPool pool = new StreamIdPool(2);
    int id = pool.acquire();

    pool.release(id);
    pool.release(id);
    pool.release(-1);

    assertThat(pool.inUse()).isZero();
  }
}
