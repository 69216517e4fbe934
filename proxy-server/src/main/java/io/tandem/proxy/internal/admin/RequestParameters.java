package io.tandem.proxy.internal.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The parameters of a request: its query string, plus a form body ({@code curl -d side=target}) if any. */
final class RequestParameters {

  private final Map<String, String> values = new LinkedHashMap<>();

  RequestParameters(String query, String formBody) {
    parse(query);
    parse(formBody);
  }

  /** The value, or {@code null} when absent or empty. */
  String optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The value in lower case, which must be one of {@code allowed}. */
  String oneOf(String name, Set<String> allowed, String usage) {
    String value = optional(name);
    if (value == null) {
      throw new BadRequestException("missing parameter " + name + ": " + usage);
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new BadRequestException(name + "=" + value + " is not allowed: " + usage);
    }
    return lower;
  }

  private void parse(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      values.put(name, value);
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed parameter '" + text + "': " + e.getMessage());
    }
  }
}
