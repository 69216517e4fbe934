package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.control.ControlConfig;

/** Placeholder until the control store lands. */
public final class CassandraControlStore extends InMemoryControlStore {
  public CassandraControlStore(CqlSession session, ControlConfig config) {
    throw new UnsupportedOperationException("not yet");
  }
}
