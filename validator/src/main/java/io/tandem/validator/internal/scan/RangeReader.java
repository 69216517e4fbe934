package io.tandem.validator.internal.scan;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import io.tandem.validator.api.range.ScanSettings;
import io.tandem.validator.api.range.TokenRange;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the rows of token ranges from one cluster with the table's {@link ScanQuery}: prepared once, paged,
 * routed to a replica of the range (token-aware), at the consistency level asked for.
 */
public final class RangeReader {

  private final CqlSession session;
  private final ScanQuery query;
  private final PreparedStatement rangeSelect;
  private final ScanSettings settings;
  private final Optional<TokenMap> tokenMap;

  public RangeReader(CqlSession session, ScanQuery query, ScanSettings settings) {
    this.session = session;
    this.query = query;
    this.settings = settings;
    this.rangeSelect = session.prepare(query.rangeCql());
    this.tokenMap = session.getMetadata().getTokenMap();
  }

  public CqlSession session() {
    return session;
  }

  public ScanQuery query() {
    return query;
  }

  /** The rows of {@code range} in token order. */
  public PagedRows read(TokenRange range) {
    BoundStatement statement =
        rangeSelect.bind(query.partitioner().toCql(range.start()), query.partitioner().toCql(range.end()))
            .setPageSize(settings.pageSize())
            .setConsistencyLevel(settings.consistency())
            .setTimeout(settings.pageTimeout());
    if (tokenMap.isPresent()) {
      statement = statement.setRoutingToken(tokenMap.get().parse(range.end().toString()));
    }
    return new PagedRows(session.executeAsync(statement), settings.pageTimeout().plus(Duration.ofSeconds(1)));
  }

  /** Consistency level used by this reader (for point reads of the same cluster). */
  public ConsistencyLevel consistency() {
    return settings.consistency();
  }
}
