package io.tandem.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a running source and a target Cassandra cluster: declare a {@link ClusterPair}
 * parameter on a test method, constructor or lifecycle method.
 *
 * <pre>{@code
 * @TandemClusters
 * class MigrationTest {
 *   @Test
 *   void should_copy(ClusterPair clusters) {
 *     clusters.executeOnBoth("CREATE TABLE %s.users (id int PRIMARY KEY, name text)");
 *     clusters.sourceSession().execute(...);
 *   }
 * }
 * }</pre>
 *
 * @see TandemClustersExtension for how clusters are shared and configured
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TandemClustersExtension.class)
public @interface TandemClusters {}
