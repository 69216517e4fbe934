package io.tandem.rings;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the {@link Ring}: started on first use, shared by every class of the test JVM, closed when
 * the JUnit engine closes its root store. Before each class, a source node an earlier class stopped is started
 * again, so no class depends on the order they run in.
 */
final class RingExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(RingExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    ring(context).ensureEveryNodeUp();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Ring.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return ring(context);
  }

  private static Ring ring(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Ring.class, key -> Ring.start(), Ring.class);
  }
}
