package io.tandem.core.internal.mirror;

import io.tandem.core.api.Side;
import java.util.concurrent.CompletionStage;

/** Finds the {@link SessionWriteExecutor} that writes a command to one cluster. */
@FunctionalInterface
public interface WriteExecutors {

  /**
   * The executor for writes made under {@code login} on one cluster; a failed stage when no session can be
   * had for that login now.
   *
   * @param login the command's login, or {@code null}
   */
  CompletionStage<SessionWriteExecutor> forLogin(Side side, String login);
}
