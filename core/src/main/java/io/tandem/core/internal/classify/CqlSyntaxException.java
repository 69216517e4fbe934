package io.tandem.core.internal.classify;

/** Query text that {@link CqlTokenizer} or the classifier could not make sense of. */
final class CqlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CqlSyntaxException(String message) {
    super(message, null, false, false);
  }
}
