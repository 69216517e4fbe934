package io.tandem.core.internal.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds calls to Cassandra's native functions whose value depends on when and where they run, so that the
 * same text would write different values on the two clusters.
 */
final class NonDeterministicFunctions {

  /** The functions, by the kind of value they produce. Names are lowercase, including Cassandra 5 aliases. */
  enum Kind {
    TIMEUUID("timeuuid", "now", "currenttimeuuid", "current_timeuuid"),
    UUID("uuid", "uuid"),
    TIMESTAMP("timestamp", "currenttimestamp", "current_timestamp"),
    DATE("date", "currentdate", "current_date"),
    TIME("time", "currenttime", "current_time");

    private static final Map<String, Kind> BY_NAME = new HashMap<>();

    static {
      for (Kind kind : values()) {
        for (String name : kind.names) {
          BY_NAME.put(name, kind);
        }
      }
    }

    private final String cqlType;
    private final String[] names;

    Kind(String cqlType, String... names) {
      this.cqlType = cqlType;
      this.names = names;
    }

    /** The CQL type of the value the function returns. */
    String cqlType() {
      return cqlType;
    }

    /** The kind of the function named {@code name} (normalized), or {@code null}. */
    static Kind named(String name) {
      return BY_NAME.get(name);
    }
  }

  /**
   * One call.
   *
   * @param kind which function
   * @param firstToken the index of the call's first token: the name, or the {@code system} qualifier
   * @param openingParenthesis the index of the {@code (} after the name
   */
  record Call(Kind kind, int firstToken, int openingParenthesis) {}

  /**
   * Keywords after which a name followed by {@code (} declares or targets a table, type, function or index
   * rather than calling a function ({@code INSERT INTO uuid (k) …}, {@code CREATE TABLE now (…)}).
   */
  private static final Set<String> DECLARING_KEYWORDS = Set.of(
      "into", "table", "columnfamily", "type", "function", "aggregate", "index", "view", "keyspace", "on",
      "exists");

  private NonDeterministicFunctions() {}

  /** The calls in {@code tokens}, in order. */
  static List<Call> find(List<CqlToken> tokens) {
    List<Call> calls = new ArrayList<>();
    for (int index = 0; index + 1 < tokens.size(); index++) {
      Call call = callAt(tokens, index);
      if (call != null) {
        calls.add(call);
      }
    }
    return calls;
  }

  private static Call callAt(List<CqlToken> tokens, int index) {
    CqlToken name = tokens.get(index);
    if (!name.isName() || !tokens.get(index + 1).is("(")) {
      return null;
    }
    Kind kind = Kind.named(name.name());
    if (kind == null) {
      return null;
    }
    int firstToken = index;
    if (index > 0 && tokens.get(index - 1).is(".")) {
      // ks.now() is a user-defined function; only the native "system" keyspace qualifies the real one
      if (index < 2 || !tokens.get(index - 2).isName() || !tokens.get(index - 2).name().equals("system")) {
        return null;
      }
      firstToken = index - 2;
    }
    return isDeclaration(tokens, firstToken) ? null : new Call(kind, firstToken, index + 1);
  }

  private static boolean isDeclaration(List<CqlToken> tokens, int firstToken) {
    if (firstToken == 0) {
      return false;
    }
    CqlToken previous = tokens.get(firstToken - 1);
    return previous.type() == CqlToken.Type.IDENTIFIER && DECLARING_KEYWORDS.contains(previous.name());
  }
}
