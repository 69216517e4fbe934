package io.tandem.proxy.internal.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the proxy can serve traffic, for {@code GET /health/readiness}: 200 when ready, 503 otherwise, with
 * the details as JSON (e.g. each cluster's connection state, the breakers, the failed-write backlog).
 *
 * @param ready whether load balancers may send clients here
 * @param details JSON-friendly values (strings, numbers, booleans, lists, maps) by name, in order; may be empty
 */
public record Readiness(boolean ready, Map<String, Object> details) {

  public Readiness {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static Readiness ready(Map<String, Object> details) {
    return new Readiness(true, details);
  }

  public static Readiness notReady(Map<String, Object> details) {
    return new Readiness(false, details);
  }
}
