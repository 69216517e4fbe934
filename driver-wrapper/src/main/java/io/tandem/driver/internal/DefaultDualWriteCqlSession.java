package io.tandem.driver.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metrics.Metrics;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.driver.api.ShadowReadConfig;
import io.tandem.driver.api.ShadowReadStatistics;
import io.tandem.driver.internal.routing.PreparedOrigins;
import io.tandem.driver.internal.routing.StatementRouter;
import io.tandem.driver.internal.routing.StatementTranslator;
import io.tandem.driver.internal.shadow.ShadowReader;
import io.tandem.driver.internal.routing.WriteCommands;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DualWriteCqlSession}: the driver's 13 abstract session methods, with every request
 * handed to the {@link StatementRouter}; session-level calls go to the read side or to both.
 */
public final class DefaultDualWriteCqlSession implements DualWriteCqlSession {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultDualWriteCqlSession.class);

  private final CqlSession source;
  private final CqlSession target;
  private final MirrorEngine engine;
  private final StatementRouter router;
  private final ShadowReader shadowReader;
  private final CompletableFuture<Void> closeFuture;
  private volatile MigrationFollowing following;

  public DefaultDualWriteCqlSession(
      CqlSession source, CqlSession target, MirrorEngine engine, ShadowReadConfig shadowReads,
      MeterRegistry registry) {
    this.source = source;
    this.target = target;
    this.engine = engine;
    PreparedOrigins origins = new PreparedOrigins();
    StatementTranslator translator = new StatementTranslator(engine, origins, this::session);
    this.shadowReader = new ShadowReader(shadowReads, translator, this::session, registry);
    this.router = new StatementRouter(engine, this::session, origins, translator,
        new WriteCommands(origins, source.getContext()), shadowReader);
    this.closeFuture = CompletableFuture.allOf(
        source.closeFuture().toCompletableFuture(), target.closeFuture().toCompletableFuture());
  }

  @Override
  public CqlSession session(Side side) {
    return side == Side.SOURCE ? source : target;
  }

  private CqlSession readSide() {
    return session(engine.control().state().readSide());
  }

  @Override
  public MigrationControl migration() {
    return engine.control();
  }

  /** Set once by the builder, before the session is handed out, when it follows a migration. */
  public void follow(MigrationFollowing following) {
    this.following = following;
  }

  @Override
  public Optional<MigrationFollower> migrationFollower() {
    MigrationFollowing current = following;
    return current == null ? Optional.empty() : Optional.of(current.follower());
  }

  @Override
  public MirrorEngine engine() {
    return engine;
  }

  @Override
  public ShadowReadStatistics shadowReads() {
    return shadowReader;
  }

  @Override
  public <RequestT extends Request, ResultT> ResultT execute(RequestT request, GenericType<ResultT> resultType) {
    return router.execute(request, resultType);
  }

  @Override
  public String getName() {
    return "dual(" + source.getName() + "->" + target.getName() + ")";
  }

  @Override
  public Metadata getMetadata() {
    return readSide().getMetadata();
  }

  @Override
  public boolean isSchemaMetadataEnabled() {
    return readSide().isSchemaMetadataEnabled();
  }

  @Override
  public CompletionStage<Metadata> setSchemaMetadataEnabled(Boolean newValue) {
    return onBoth(session -> session.setSchemaMetadataEnabled(newValue));
  }

  @Override
  public CompletionStage<Metadata> refreshSchemaAsync() {
    return onBoth(CqlSession::refreshSchemaAsync);
  }

  @Override
  public CompletionStage<Boolean> checkSchemaAgreementAsync() {
    return source.checkSchemaAgreementAsync()
        .thenCombine(target.checkSchemaAgreementAsync(), Boolean::logicalAnd);
  }

  /** Runs on both; returns the read side's answer once both are done (the other side's failure is logged). */
  private <T> CompletionStage<T> onBoth(Function<CqlSession, CompletionStage<T>> call) {
    Side readSide = engine.control().state().readSide();
    CompletionStage<T> served = call.apply(session(readSide));
    CompletionStage<T> other = call.apply(session(readSide.other())).exceptionally(error -> {
      LOG.warn("Schema metadata call failed on the {}: {}", readSide.other(), error.toString());
      return null;
    });
    return served.thenCombine(other, (result, ignored) -> result);
  }

  @Override
  public DriverContext getContext() {
    return readSide().getContext();
  }

  @Override
  public Optional<CqlIdentifier> getKeyspace() {
    return readSide().getKeyspace();
  }

  @Override
  public Optional<Metrics> getMetrics() {
    return readSide().getMetrics();
  }

  @Override
  public CompletionStage<Void> closeFuture() {
    return closeFuture;
  }

  /**
   * Stops following the migration (deregistering through the still open sessions), lets in-flight mirrored
   * writes finish (the engine waits up to 10 s), then closes both sessions.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    CompletableFuture.runAsync(this::closeFollowingAndEngine).whenComplete((ignored, error) -> {
      if (error != null) {
        LOG.warn("Closing the mirror engine failed: {}", error.toString());
      }
      source.closeAsync();
      target.closeAsync();
    });
    return closeFuture;
  }

  @Override
  public CompletionStage<Void> forceCloseAsync() {
    source.forceCloseAsync();
    target.forceCloseAsync();
    CompletableFuture.runAsync(this::closeFollowingAndEngine);
    return closeFuture;
  }

  private void closeFollowingAndEngine() {
    MigrationFollowing current = following;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException e) {
        LOG.warn("Stopping to follow migration {} failed: {}", current.follower().migrationId(), e.toString());
      }
    }
    engine.close();
  }
}
