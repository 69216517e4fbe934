package io.tandem.core.testing;

import io.tandem.core.api.mirror.MirrorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Mirror settings for tests of every front door: a breaker that opens after a few failures and retries
 * after 1 s, short back-off and frequent replay, so outage tests run in seconds. Shipped in core's test jar.
 */
public final class QuickMirrorConfig {

  private QuickMirrorConfig() {}

  public static MirrorConfig.Builder builder(Path logDirectory) {
    return MirrorConfig.builder()
        .failedWriteDirectory(logDirectory)
        .breakerOpenDuration(Duration.ofSeconds(1))
        .breakerMinimumCalls(5)
        .breakerSlidingWindowSize(10)
        .retryInitialBackoff(Duration.ofMillis(20))
        .replayInterval(Duration.ofMillis(500));
  }
}
