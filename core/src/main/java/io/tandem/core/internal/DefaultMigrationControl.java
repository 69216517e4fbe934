package io.tandem.core.internal;

import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.MigrationStateListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MigrationControl} over an atomic reference; listeners run after each successful change. */
public final class DefaultMigrationControl implements MigrationControl {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationControl.class);

  private final AtomicReference<MigrationState> state;
  private final List<MigrationStateListener> listeners = new CopyOnWriteArrayList<>();

  public DefaultMigrationControl(MigrationState initial) {
    this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  @Override
  public MigrationState state() {
    return state.get();
  }

  @Override
  public MigrationState update(UnaryOperator<MigrationState> change) {
    MigrationState previous;
    MigrationState current;
    do {
      previous = state.get();
      current = Objects.requireNonNull(change.apply(previous), "a state change must not return null");
    } while (!state.compareAndSet(previous, current));
    if (!previous.equals(current)) {
      LOG.warn("Migration state changed: {} -> {}", previous, current);
      for (MigrationStateListener listener : listeners) {
        notify(listener, previous, current);
      }
    }
    return current;
  }

  private static void notify(MigrationStateListener listener, MigrationState previous, MigrationState current) {
    try {
      listener.onStateChanged(previous, current);
    } catch (RuntimeException e) {
      LOG.error("Migration state listener {} failed", listener, e);
    }
  }

  @Override
  public void addListener(MigrationStateListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(MigrationStateListener listener) {
    listeners.remove(listener);
  }
}
