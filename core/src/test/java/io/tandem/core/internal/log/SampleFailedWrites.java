package io.tandem.core.internal.log;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.LoggedWrite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Failed writes for tests, told apart by an id carried in their cause. */
final class SampleFailedWrites {

  static final Instant LOGGED_AT = Instant.ofEpochMilli(1_700_000_000_123L);

  private SampleFailedWrites() {}

  static FailedWrite write(String id) {
    WriteCommand command = WriteCommand.builder(
            BoundQuery.of("INSERT INTO ks.users (id, name) VALUES (?, ?)", Arrays.asList(bytes(id), null)))
        .withKeyspace("ks")
        .withTimestamp(1_700_000_000_123_456L)
        .withConsistency(DefaultConsistencyLevel.LOCAL_QUORUM)
        .withIdempotent(true)
        .build();
    return new FailedWrite(Side.TARGET, command, true, id, LOGGED_AT);
  }

  static String id(LoggedWrite entry) {
    return entry.write().cause();
  }

  static List<String> ids(List<LoggedWrite> entries) {
    return entries.stream().map(SampleFailedWrites::id).toList();
  }

  static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
