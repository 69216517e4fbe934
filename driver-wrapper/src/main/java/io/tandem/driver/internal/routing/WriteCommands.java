package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a driver write statement into core's driver-neutral {@link WriteCommand} (text, keyspace, raw
 * values, timestamp, and the request settings the primary runs it with: consistency, serial consistency,
 * timeout, idempotence — see {@link RequestSettings}); {@link PrimaryStatements} puts what core decided back onto
 * the application's statement for the primary's copy.
 */
public final class WriteCommands {

  private final PreparedOrigins origins;
  private final DriverContext context;

  /** @param context the source session's context: its codecs encode simple statements' values */
  public WriteCommands(PreparedOrigins origins, DriverContext context) {
    this.origins = origins;
    this.context = context;
  }

  /**
   * @param sessionKeyspace the keyspace of the session that would run it, or null
   * @param primaryContext the context of the session that runs it as the primary: its profiles give the
   *     settings the statement leaves unset
   */
  public WriteCommand toCommand(Statement<?> statement, String sessionKeyspace, DriverContext primaryContext) {
    WriteCommand.Builder builder;
    if (statement instanceof BatchStatement batch) {
      builder = WriteCommand.batch(batch.getBatchType());
      for (BatchableStatement<?> child : batch) {
        builder.addQuery(toQuery(child));
      }
    } else {
      builder = WriteCommand.builder(toQuery(statement));
    }
    if (statement.getQueryTimestamp() != Statement.NO_DEFAULT_TIMESTAMP) {
      builder.withTimestamp(statement.getQueryTimestamp());
    }
    return RequestSettings.apply(builder, statement, primaryContext)
        .withKeyspace(keyspaceOf(statement, sessionKeyspace))
        .build();
  }

  private String keyspaceOf(Statement<?> statement, String sessionKeyspace) {
    String own = Statements.keyspaceOf(statement);
    if (own != null) {
      return own;
    }
    Statement<?> first = statement instanceof BatchStatement batch && batch.size() > 0
        ? batch.iterator().next()
        : statement;
    if (first instanceof BoundStatement bound) {
      String prepared = origins.originOf(bound.getPreparedStatement()).keyspace();
      if (prepared != null) {
        return prepared;
      }
    }
    return sessionKeyspace;
  }

  private BoundQuery toQuery(Statement<?> statement) {
    if (statement instanceof BoundStatement bound) {
      List<ByteBuffer> values = new ArrayList<>(bound.size());
      for (int index = 0; index < bound.size(); index++) {
        values.add(bound.getBytesUnsafe(index));
      }
      return BoundQuery.of(bound.getPreparedStatement().getQuery(), values);
    }
    SimpleStatement simple = (SimpleStatement) statement;
    if (!simple.getNamedValues().isEmpty()) {
      Map<String, ByteBuffer> named = new LinkedHashMap<>();
      simple.getNamedValues().forEach((name, value) -> named.put(name.asInternal(), encode(value)));
      return BoundQuery.ofNamed(simple.getQuery(), named);
    }
    List<ByteBuffer> values = new ArrayList<>(simple.getPositionalValues().size());
    simple.getPositionalValues().forEach(value -> values.add(encode(value)));
    return BoundQuery.of(simple.getQuery(), values);
  }

  /** As the driver encodes a simple statement's values: by the codec of the value's Java type. */
  private ByteBuffer encode(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof ByteBuffer raw && BoundQuery.isUnset(raw)) {
      return raw;
    }
    CodecRegistry codecs = context.getCodecRegistry();
    ProtocolVersion version = context.getProtocolVersion();
    return codecs.codecFor(value).encode(value, version);
  }
}
