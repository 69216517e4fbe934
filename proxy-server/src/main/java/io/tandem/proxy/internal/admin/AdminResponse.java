package io.tandem.proxy.internal.admin;

/** What a route answers: status, content type and body. */
record AdminResponse(int status, String contentType, String body) {

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  static AdminResponse json(int status, String body) {
    return new AdminResponse(status, JSON, body);
  }

  /** A one-line plain-text answer (errors). */
  static AdminResponse text(int status, String line) {
    return new AdminResponse(status, TEXT, line + "\n");
  }
}
