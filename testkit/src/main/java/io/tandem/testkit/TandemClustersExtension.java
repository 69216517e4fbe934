package io.tandem.testkit;

import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link TandemClusters}. The two clusters are started once per test JVM (one
 * Maven module's test run) and shared by all its test classes; each test class gets its own keyspace,
 * named after the class, on both clusters.
 *
 * <p>System properties (defaults in brackets): {@code tandem.testkit.source.address} [127.0.0.1],
 * {@code tandem.testkit.target.address} [127.0.0.2], {@code tandem.testkit.nativePort} [9042],
 * {@code tandem.testkit.storagePort} [7000], {@code tandem.testkit.heap} [1g],
 * {@code tandem.testkit.workDirectory} [target/cassandra], {@code tandem.testkit.source.version} and
 * {@code tandem.testkit.target.version} [5.0] (a {@link CassandraVersion#parse} string such as 4.1 or 3.11).
 */
public final class TandemClustersExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(TandemClustersExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    ClusterPair pair = pair(context);
    pair.ensureTargetRunning();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ClusterPair.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return pair(context);
  }

  private static ClusterPair pair(ExtensionContext context) {
    SharedClusters shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedClusters.class, key -> SharedClusters.start(), SharedClusters.class);
    Class<?> testClass = context.getRequiredTestClass();
    return context
        .getStore(NAMESPACE.append(testClass))
        .getOrComputeIfAbsent(
            ClusterPair.class,
            key -> {
              String keyspace = keyspaceFor(testClass);
              shared.createKeyspace(keyspace);
              return new ClusterPair(shared, keyspace);
            },
            ClusterPair.class);
  }

  /** {@code tandem_} plus the class's simple name in lower case, cut to Cassandra's 48-character limit. */
  static String keyspaceFor(Class<?> testClass) {
    String name = "tandem_" + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() <= 48 ? name : name.substring(0, 48);
  }
}
