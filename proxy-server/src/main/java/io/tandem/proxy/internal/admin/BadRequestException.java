package io.tandem.proxy.internal.admin;

/** A missing or wrong request parameter; answered with 400 and the message, which says what is allowed. */
final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
