package io.tandem.proxy.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProxyTopologyTest {

  private static final String MURMUR3 = "org.apache.cassandra.dht.Murmur3Partitioner";
  private static final String RANDOM = "org.apache.cassandra.dht.RandomPartitioner";

  private static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 9042);
  private static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.2", 9042);
  private static final InetSocketAddress THIRD = new InetSocketAddress("127.0.0.3", 9042);

  private final ProxyTopology three = new ProxyTopology(List.of(FIRST, SECOND, THIRD));

  @Test
  void should_give_every_other_instance_as_peers() {
    assertThat(three.peersOf(SECOND)).containsExactly(FIRST, THIRD);
    assertThat(three.indexOf(SECOND)).isEqualTo(1);
    assertThat(three.size()).isEqualTo(3);
  }

  @Test
  void should_count_an_empty_list_as_this_instance_alone() {
    ProxyTopology single = new ProxyTopology(List.of());

    assertThat(single.peersOf(FIRST)).isEmpty();
    assertThat(single.indexOf(FIRST)).isZero();
    assertThat(single.size()).isEqualTo(1);
  }

  @Test
  void should_append_an_unlisted_instance_at_the_end() {
    InetSocketAddress other = new InetSocketAddress("127.0.0.9", 9042);

    assertThat(three.indexOf(other)).isEqualTo(3);
    assertThat(three.peersOf(other)).containsExactly(FIRST, SECOND, THIRD);
    assertThat(three.tokens(other, MURMUR3))
        .doesNotContainAnyElementsOf(three.tokens(FIRST, MURMUR3))
        .doesNotContainAnyElementsOf(three.tokens(SECOND, MURMUR3))
        .doesNotContainAnyElementsOf(three.tokens(THIRD, MURMUR3));
  }

  @Test
  void should_tell_instances_apart_by_port() {
    InetSocketAddress sameAddressOtherPort = new InetSocketAddress("127.0.0.1", 9043);

    assertThat(three.indexOf(sameAddressOtherPort)).isEqualTo(3);
  }

  @Test
  void should_derive_the_host_id_from_host_and_port() {
    UUID expected = UUID.nameUUIDFromBytes("127.0.0.1:9042".getBytes(StandardCharsets.UTF_8));

    assertThat(three.hostId(FIRST)).isEqualTo(expected);
    assertThat(three.hostId(new InetSocketAddress("127.0.0.1", 9043))).isNotEqualTo(expected);
  }

  @Test
  void should_give_a_single_instance_the_first_murmur3_token() {
    assertThat(new ProxyTopology(List.of()).tokens(FIRST, MURMUR3)).containsExactly(Long.toString(Long.MIN_VALUE));
    assertThat(new ProxyTopology(List.of(FIRST)).tokens(FIRST, MURMUR3))
        .containsExactly(Long.toString(Long.MIN_VALUE));
  }

  @Test
  void should_split_the_murmur3_ring_evenly() {
    long first = onlyToken(three.tokens(FIRST, MURMUR3)).longValueExact();
    long second = onlyToken(three.tokens(SECOND, MURMUR3)).longValueExact();
    long third = onlyToken(three.tokens(THIRD, MURMUR3)).longValueExact();

    long share = BigInteger.ONE.shiftLeft(64).divide(BigInteger.valueOf(3)).longValueExact();
    assertThat(first).isEqualTo(Long.MIN_VALUE);
    assertThat(second).isEqualTo(Long.MIN_VALUE + share);
    assertThat(third).isEqualTo(Long.MIN_VALUE + 2 * share);
    assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void should_accept_an_unqualified_partitioner_name() {
    assertThat(three.tokens(SECOND, "Murmur3Partitioner")).isEqualTo(three.tokens(SECOND, MURMUR3));
  }

  @Test
  void should_split_the_random_ring_evenly() {
    BigInteger ringSize = BigInteger.ONE.shiftLeft(127);
    BigInteger share = ringSize.divide(BigInteger.valueOf(3));

    assertThat(onlyToken(three.tokens(FIRST, RANDOM))).isEqualTo(BigInteger.ZERO);
    assertThat(onlyToken(three.tokens(SECOND, RANDOM))).isEqualTo(share);
    assertThat(onlyToken(three.tokens(THIRD, RANDOM))).isEqualTo(share.shiftLeft(1)).isLessThan(ringSize);
  }

  @Test
  void should_refuse_other_partitioners() {
    assertThatThrownBy(() -> three.tokens(FIRST, "org.apache.cassandra.dht.ByteOrderedPartitioner"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.apache.cassandra.dht.ByteOrderedPartitioner")
        .hasMessageContaining("only supports Murmur3Partitioner and RandomPartitioner");
  }

  @Test
  void should_refuse_unresolved_instances() {
    assertThatThrownBy(() -> new ProxyTopology(List.of(InetSocketAddress.createUnresolved("proxy-1", 9042))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy-1");
  }

  private static BigInteger onlyToken(Set<String> tokens) {
    assertThat(tokens).hasSize(1);
    return new BigInteger(tokens.iterator().next());
  }
}
