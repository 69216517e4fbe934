package io.tandem.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The validator's ranges over a real vnode ring: a table is copied to the target and validated, both through a
 * source session that records where each request went; the ring is cut once, at every token the servers list,
 * each split lies inside one replica set, and each split is read on one of its replicas.
 */
@ExtendWith(RingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeSplittingRingIT {

  private static final String TABLE = "split";
  private static final int ROWS = 1_000;
  private static final int SPLITS = 48;

  private final RecordedRequests requests = new RecordedRequests();
  private final List<TokenRange> splits = new CopyOnWriteArrayList<>();
  private CqlSession source;
  private ServerTokens serverTokens;
  private CopyReport copy;
  private ValidationReport validation;

  @BeforeAll
  void copyAndValidate(Ring ring) {
    ring.createTable(TABLE, KeyValueRows.DEFINITION);
    KeyValueRows.write(ring.sourceSession(), TABLE, ROWS);
    source = ring.sourceSessionBuilder().addRequestTracker(requests).build();
    serverTokens = ServerTokens.read(source);
    copy = TableCopier.builder().withSource(source).withTarget(ring.targetSession())
        .forTable(Ring.KEYSPACE, TABLE).withSplits(SPLITS).withRangeListener(new RangeListener() {
          @Override
          public void started(List<TokenRange> ranges, BigInteger totalTokens) {
            splits.addAll(ranges);
          }
        }).build().run();
    validation = Validator.builder().withSource(source).withTarget(ring.targetSession())
        .forTable(Ring.KEYSPACE, TABLE).compareWritetimes(true).withSplits(SPLITS).build().validate();
  }

  @AfterAll
  void closeSession() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void should_run_on_a_ring_of_vnodes() {
    assertThat(serverTokens.tokensPerNode()).hasSize(Ring.NODES)
        .allSatisfy((node, tokens) -> assertThat(tokens).as("tokens of %s", node).isEqualTo(Ring.VNODES_PER_NODE));
    assertThat(tokenMap().getTokenRanges()).hasSize(Ring.NODES * Ring.VNODES_PER_NODE);
  }

  @Test
  void should_cover_the_whole_ring_exactly_once() {
    List<TokenRange> sorted = splits.stream().sorted().toList();
    TokenRange ring = Partitioner.MURMUR3.fullRing();

    assertThat(sorted).isNotEmpty();
    assertThat(sorted.get(0).start()).isEqualTo(ring.start());
    assertThat(sorted.get(sorted.size() - 1).end()).isEqualTo(ring.end());
    for (int index = 1; index < sorted.size(); index++) {
      assertThat(sorted.get(index).start()).as("start of split %d: the end of the one before", index)
          .isEqualTo(sorted.get(index - 1).end());
    }
    assertThat(sorted.stream().map(TokenRange::width).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(ring.width());
  }

  @Test
  void should_cut_the_ring_at_every_token_the_servers_own() {
    Set<BigInteger> ends = splits.stream().map(TokenRange::end).collect(Collectors.toSet());

    assertThat(ends).containsAll(serverTokens.tokens());
    assertThat(splits).hasSizeGreaterThanOrEqualTo(serverTokens.tokens().size());
  }

  @Test
  void should_keep_each_split_inside_the_range_of_its_real_owners() {
    for (TokenRange split : splits) {
      BigInteger first = split.start().add(BigInteger.ONE);
      Set<InetAddress> owners = serverTokens.replicas(split.end(), Ring.REPLICATION_FACTOR);

      assertThat(owners).as("owners of %s", split).hasSize(Ring.REPLICATION_FACTOR);
      assertThat(serverTokens.replicas(first, Ring.REPLICATION_FACTOR)).as("owners of the first token of %s", split)
          .isEqualTo(owners);
      assertThat(driverReplicas(split.end())).as("driver's replicas of the end of %s", split).isEqualTo(owners);
      assertThat(driverReplicas(first)).as("driver's replicas of the start of %s", split).isEqualTo(owners);
    }
  }

  @Test
  void should_read_each_split_on_one_of_its_replicas() {
    List<RecordedRequests.Completed> scans = requests.startingWith("SELECT").stream()
        .filter(request -> request.query().contains(TABLE)).toList();

    // the copy and the validation each read every split at least once
    assertThat(scans).hasSizeGreaterThanOrEqualTo(2 * splits.size());
    for (RecordedRequests.Completed scan : scans) {
      Token routing = ((BoundStatement) scan.request()).getRoutingToken();
      assertThat(routing).as("routing token of %s", scan.query()).isNotNull();
      assertThat(driverReplicas(new BigInteger(tokenMap().format(routing))))
          .as("replicas of %s", routing).contains(Ring.address(scan.coordinator()));
    }
    assertThat(scans.stream().map(scan -> Ring.address(scan.coordinator())).distinct()).hasSize(Ring.NODES);
  }

  @Test
  void should_copy_every_row_and_find_no_mismatch_in_a_full_validation() {
    assertThat(copy.complete()).as("copy complete, failed ranges %s", copy.failedRanges()).isTrue();
    assertThat(copy.rowsRead()).isEqualTo(ROWS);

    assertThat(validation.hasNoMismatches()).as("mismatches %s", validation.mismatches()).isTrue();
    assertThat(validation.table(Ring.KEYSPACE + "." + TABLE).sourceRows()).isEqualTo(ROWS);
    assertThat(validation.table(Ring.KEYSPACE + "." + TABLE).targetRows()).isEqualTo(ROWS);
    assertThat(validation.totalRowsCompared()).isEqualTo(ROWS);
  }

  private TokenMap tokenMap() {
    return source.getMetadata().getTokenMap().orElseThrow();
  }

  private Set<InetAddress> driverReplicas(BigInteger token) {
    List<InetAddress> replicas = new ArrayList<>();
    tokenMap().getReplicas(Ring.KEYSPACE, tokenMap().parse(token.toString()))
        .forEach(node -> replicas.add(Ring.address(node)));
    return Set.copyOf(replicas);
  }
}
