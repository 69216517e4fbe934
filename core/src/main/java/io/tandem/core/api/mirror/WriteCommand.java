package io.tandem.core.api.mirror;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A write as core sees it, independent of where it came from (a driver {@code Statement} in the wrapper, a
 * native-protocol message in the proxy): one query, or the children of a batch, plus the options both
 * clusters must apply identically — above all the write timestamp.
 *
 * <p>Built with {@link #builder(BoundQuery)} or {@link #batch(BatchType)}. Immutable.
 */
public final class WriteCommand {

  /** "No timestamp set": the query text carries {@code USING TIMESTAMP}, or the server picks one. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final List<BoundQuery> queries;
  private final BatchType batchType;
  private final String keyspace;
  private final long timestamp;
  private final ConsistencyLevel consistency;
  private final boolean idempotent;
  private final String login;
  private final ConsistencyLevel serialConsistency;
  private final Duration timeout;

  private WriteCommand(Builder builder) {
    this.queries = List.copyOf(builder.queries);
    this.batchType = builder.batchType;
    this.keyspace = builder.keyspace;
    this.timestamp = builder.timestamp;
    this.consistency = builder.consistency;
    this.idempotent = builder.idempotent;
    this.login = builder.login;
    this.serialConsistency = builder.serialConsistency;
    this.timeout = builder.timeout;
  }

  /** A single-query write. */
  public static Builder builder(BoundQuery query) {
    return new Builder(null).addQuery(query);
  }

  /** A batch; add its children with {@link Builder#addQuery(BoundQuery)}. */
  public static Builder batch(BatchType type) {
    return new Builder(Objects.requireNonNull(type, "type"));
  }

  /** The single query, or the batch's children in order. Never empty. */
  public List<BoundQuery> queries() {
    return queries;
  }

  public boolean isBatch() {
    return batchType != null;
  }

  /** The batch type, or {@code null} for a single query. */
  public BatchType batchType() {
    return batchType;
  }

  /** The keyspace unqualified table names resolve against, or {@code null} for none. */
  public String keyspace() {
    return keyspace;
  }

  /** The write timestamp in microseconds since the epoch, or {@link #NO_TIMESTAMP}. */
  public long timestamp() {
    return timestamp;
  }

  public boolean hasTimestamp() {
    return timestamp != NO_TIMESTAMP;
  }

  /** The caller's consistency level, or {@code null} for the executing session's default. */
  public ConsistencyLevel consistency() {
    return consistency;
  }

  /** Whether the caller declared the write idempotent (as the driver's {@code Statement.isIdempotent}). */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * The user name the write was made under, or {@code null}. It picks the session that sends the copy when
   * the engine logs in to a cluster with each client's own credentials (see {@link
   * io.tandem.core.api.mirror.LoginSessions}); it is kept in the failed-write log, passwords never are.
   */
  public String login() {
    return login;
  }

  /**
   * The caller's serial consistency level (the Paxos phase of a conditional write), or {@code null} for the
   * executing session's default.
   */
  public ConsistencyLevel serialConsistency() {
    return serialConsistency;
  }

  /** The caller's request timeout, or {@code null} for the executing session's default. */
  public Duration timeout() {
    return timeout;
  }

  /** A copy with another timestamp. */
  public WriteCommand withTimestamp(long newTimestamp) {
    return toBuilder().withTimestamp(newTimestamp).build();
  }

  /** A copy of a single-query command with another query (everything else kept). */
  public WriteCommand withQuery(BoundQuery query) {
    if (isBatch()) {
      throw new IllegalStateException("withQuery replaces the query of a single-query command, not of a batch");
    }
    return withQueries(List.of(query));
  }

  /** A copy with other queries (as many as this one has), everything else kept. */
  public WriteCommand withQueries(List<BoundQuery> newQueries) {
    Builder builder = toBuilder();
    builder.queries.clear();
    newQueries.forEach(builder::addQuery);
    return builder.build();
  }

  public Builder toBuilder() {
    Builder builder = new Builder(batchType);
    queries.forEach(builder::addQuery);
    return builder.withKeyspace(keyspace).withTimestamp(timestamp).withConsistency(consistency)
        .withIdempotent(idempotent).withLogin(login).withSerialConsistency(serialConsistency)
        .withTimeout(timeout);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WriteCommand that
        && queries.equals(that.queries)
        && batchType == that.batchType
        && Objects.equals(keyspace, that.keyspace)
        && timestamp == that.timestamp
        && Objects.equals(consistency, that.consistency)
        && idempotent == that.idempotent
        && Objects.equals(login, that.login)
        && Objects.equals(serialConsistency, that.serialConsistency)
        && Objects.equals(timeout, that.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(queries, batchType, keyspace, timestamp, consistency, idempotent, login, serialConsistency,
        timeout);
  }

  @Override
  public String toString() {
    return "WriteCommand{" + (isBatch() ? batchType + " batch " : "") + queries + ", keyspace=" + keyspace
        + ", timestamp=" + (hasTimestamp() ? timestamp : "none") + "}";
  }

  /**
   * Builds a {@link WriteCommand}. Defaults: no keyspace, no timestamp, default consistency, not idempotent,
   * no login, default serial consistency, default timeout.
   */
  public static final class Builder {
    private final List<BoundQuery> queries = new ArrayList<>();
    private final BatchType batchType;
    private String keyspace;
    private long timestamp = NO_TIMESTAMP;
    private ConsistencyLevel consistency;
    private boolean idempotent;
    private String login;
    private ConsistencyLevel serialConsistency;
    private Duration timeout;

    private Builder(BatchType batchType) {
      this.batchType = batchType;
    }

    public Builder addQuery(BoundQuery query) {
      queries.add(Objects.requireNonNull(query, "query"));
      return this;
    }

    public Builder withKeyspace(String keyspace) {
      this.keyspace = keyspace;
      return this;
    }

    public Builder withTimestamp(long timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder withConsistency(ConsistencyLevel consistency) {
      this.consistency = consistency;
      return this;
    }

    public Builder withIdempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** The user name the write was made under; {@code null} (the default) for none. */
    public Builder withLogin(String login) {
      this.login = login;
      return this;
    }

    /** The serial consistency of a conditional write; {@code null} (the default) for the session's. */
    public Builder withSerialConsistency(ConsistencyLevel serialConsistency) {
      this.serialConsistency = serialConsistency;
      return this;
    }

    /** The request timeout; {@code null} (the default) for the session's. */
    public Builder withTimeout(Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("a write command's timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public WriteCommand build() {
      if (queries.isEmpty()) {
        throw new IllegalStateException("a write command needs at least one query");
      }
      if (batchType == null && queries.size() > 1) {
        throw new IllegalStateException("several queries make a batch: use WriteCommand.batch(type)");
      }
      return new WriteCommand(this);
    }
  }
}
