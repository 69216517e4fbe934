package io.tandem.cli;

import static org.mockito.Mockito.mock;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.cli.control.ControlConnectionOptions;
import io.tandem.cli.control.ControlPlane;
import io.tandem.cli.control.ControlPlaneFactory;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationCoordinator;
import java.util.ArrayList;
import java.util.List;

/** The control plane of the CLI's tests: a {@link FakeControlStore} and a mocked coordinator. */
public final class FakeControlPlanes implements ControlPlaneFactory {

  public final FakeControlStore store = new FakeControlStore();
  public final MigrationCoordinator coordinator = mock(MigrationCoordinator.class);
  public final List<ControlConfig> configs = new ArrayList<>();

  @Override
  public ControlPlane connect(ControlConnectionOptions options, ControlConfig config) {
    configs.add(config);
    return new ControlPlane(store, coordinator, () -> {});
  }

  @Override
  public ControlPlane over(CqlSession session, ControlConfig config) {
    return connect(null, config);
  }
}
