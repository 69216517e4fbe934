package io.tandem.proxy.internal.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** What a route answers: status, content type and body. */
record AdminResponse(int status, String contentType, String body) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A route's work, run once the request is accepted. */
  @FunctionalInterface
  interface Action {
    AdminResponse run();
  }

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  static AdminResponse json(int status, String body) {
    return new AdminResponse(status, JSON, body);
  }

  /** {@code body} (maps, lists, strings, numbers, booleans) as one line of JSON. */
  static AdminResponse jsonOf(int status, Object body) {
    try {
      return json(status, MAPPER.writeValueAsString(body) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-line plain-text answer (errors). */
  static AdminResponse text(int status, String line) {
    return new AdminResponse(status, TEXT, line + "\n");
  }
}
