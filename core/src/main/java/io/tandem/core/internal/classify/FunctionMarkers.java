package io.tandem.core.internal.classify;

import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.internal.classify.NonDeterministicFunctions.Call;
import io.tandem.core.internal.classify.NonDeterministicFunctions.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The non-deterministic function calls of a query that has bound values, turned into extra bind markers so
 * that the caller can send the same generated value to both clusters: {@code VALUES (?, now())} becomes
 * {@code VALUES (?, ?)} with one more value. Positional values get {@code ?} markers, named values
 * {@code :tandem_fn_N} markers. A call that is an argument of another function gets a type cast, {@code
 * toTimestamp((timeuuid)?)}, so that the server can still pick the function. Immutable; computed once per
 * text (see {@code FunctionRewrites}).
 *
 * <p>Not rewritable (the text stays as it is): a call inside an LWT {@code IF} condition, a call with
 * arguments, and text that cannot be tokenized but seems to call one of the functions.
 */
public final class FunctionMarkers {

  /** What can be done with a text. */
  public enum Outcome {
    /** No call to rewrite. */
    NONE,
    /** The calls became markers; see {@link #query()}. */
    REWRITTEN,
    /** There are calls, but they must stay; see {@link #reason()}. */
    NOT_REWRITABLE
  }

  /** The prefix of the names of the markers added to a query with named values. */
  public static final String NAME_PREFIX = "tandem_fn_";

  private static final Pattern LOOKS_LIKE_A_CALL = Pattern.compile(
      "(?i)\\b(now|uuid|current_?time_?uuid|current_?timestamp|current_?date|current_?time)\\s*\\(");
  /** Before these, {@code (} opens a list of values or a tuple rather than a function's arguments. */
  private static final Set<String> NOT_FUNCTIONS = Set.of("values", "in", "contains", "key", "and", "set",
      "where", "if", "using");

  /** One generated value: its kind and where it goes (position among all markers, and name if named). */
  record Marker(Kind kind, int position, String name) {}

  private final Outcome outcome;
  private final boolean named;
  private final String query;
  private final String reason;
  private final int clientMarkers;
  private final List<Marker> markers;

  private FunctionMarkers(
      Outcome outcome, boolean named, String query, String reason, int clientMarkers, List<Marker> markers) {
    this.outcome = outcome;
    this.named = named;
    this.query = query;
    this.reason = reason;
    this.clientMarkers = clientMarkers;
    this.markers = List.copyOf(markers);
  }

  /**
   * Rewrites {@code query}; never throws.
   *
   * @param named whether the query's values come by name
   */
  public static FunctionMarkers of(String query, boolean named) {
    List<CqlToken> tokens;
    try {
      tokens = CqlTokenizer.tokenize(query);
    } catch (CqlSyntaxException e) {
      return LOOKS_LIKE_A_CALL.matcher(query).find()
          ? notRewritable(query, "it cannot be parsed (" + e.getMessage() + ")")
          : none(query);
    }
    List<Call> calls = NonDeterministicFunctions.find(tokens);
    if (calls.isEmpty()) {
      return none(query);
    }
    int condition = conditionStart(tokens);
    for (Call call : calls) {
      int closing = call.openingParenthesis() + 1;
      if (closing >= tokens.size() || !tokens.get(closing).is(")")) {
        return notRewritable(query, tokens.get(call.openingParenthesis() - 1).text() + "() is called with arguments");
      }
      if (condition >= 0 && call.firstToken() > condition) {
        return notRewritable(query, "a call is inside an IF condition (of a lightweight transaction)");
      }
    }
    return rewritten(query, tokens, calls, named);
  }

  private static FunctionMarkers rewritten(String query, List<CqlToken> tokens, List<Call> calls, boolean named) {
    StringBuilder text = new StringBuilder(query.length() + 16 * calls.size());
    List<Marker> markers = new ArrayList<>(calls.size());
    int copiedUpTo = 0;
    int clientMarkers = 0;
    int token = 0;
    for (Call call : calls) {
      for (; token < call.firstToken(); token++) {
        clientMarkers += tokens.get(token).type() == CqlToken.Type.BIND_MARKER ? 1 : 0;
      }
      String name = named ? NAME_PREFIX + markers.size() : null;
      markers.add(new Marker(call.kind(), clientMarkers + markers.size(), name));
      text.append(query, copiedUpTo, tokens.get(call.firstToken()).start());
      if (isFunctionArgument(tokens, call.firstToken())) {
        text.append('(').append(call.kind().cqlType()).append(')');
      }
      text.append(named ? ":" + name : "?");
      copiedUpTo = tokens.get(call.openingParenthesis() + 1).end();
      token = call.openingParenthesis() + 2;
    }
    for (; token < tokens.size(); token++) {
      clientMarkers += tokens.get(token).type() == CqlToken.Type.BIND_MARKER ? 1 : 0;
    }
    text.append(query, copiedUpTo, query.length());
    return new FunctionMarkers(Outcome.REWRITTEN, named, text.toString(), null, clientMarkers, markers);
  }

  /** The index of the IF token that starts a condition (not {@code IF [NOT] EXISTS}), or -1. */
  private static int conditionStart(List<CqlToken> tokens) {
    for (int index = 0; index + 1 < tokens.size(); index++) {
      CqlToken next = tokens.get(index + 1);
      if (tokens.get(index).isKeyword("if") && !next.isKeyword("not") && !next.isKeyword("exists")) {
        return index;
      }
    }
    return -1;
  }

  /** Whether the innermost bracket around the token is a function's argument list. */
  private static boolean isFunctionArgument(List<CqlToken> tokens, int index) {
    int depth = 0;
    for (int position = index - 1; position >= 0; position--) {
      CqlToken token = tokens.get(position);
      if (token.is(")") || token.is("]") || token.is("}")) {
        depth++;
      } else if (token.is("[") || token.is("{")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (token.is("(")) {
        if (depth-- == 0) {
          return position > 0 && tokens.get(position - 1).isName()
              && !NOT_FUNCTIONS.contains(tokens.get(position - 1).name());
        }
      }
    }
    return false;
  }

  private static FunctionMarkers none(String query) {
    return new FunctionMarkers(Outcome.NONE, false, query, null, 0, List.of());
  }

  private static FunctionMarkers notRewritable(String query, String reason) {
    return new FunctionMarkers(Outcome.NOT_REWRITABLE, false, query, reason, 0, List.of());
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The text to execute: with the extra markers when {@link Outcome#REWRITTEN}, else the original. */
  public String query() {
    return query;
  }

  /** Why the calls must stay, or {@code null}. */
  public String reason() {
    return reason;
  }

  List<Marker> markers() {
    return markers;
  }

  /**
   * {@code original}'s values with {@code generated} (one per marker, in order) where the markers are; {@code
   * original} itself when its values do not fit the text (the server will refuse it anyway).
   */
  BoundQuery bind(BoundQuery original, List<ByteBuffer> generated) {
    if (outcome != Outcome.REWRITTEN || named == original.namedValues().isEmpty()) {
      return original;
    }
    if (named) {
      Map<String, ByteBuffer> named = new LinkedHashMap<>(original.namedValues());
      for (int index = 0; index < markers.size(); index++) {
        named.put(markers.get(index).name(), generated.get(index));
      }
      return BoundQuery.ofNamed(query, named);
    }
    if (original.values().size() != clientMarkers) {
      return original;
    }
    List<ByteBuffer> values = new ArrayList<>(original.values());
    for (int index = 0; index < markers.size(); index++) {
      values.add(markers.get(index).position(), generated.get(index));
    }
    return BoundQuery.of(query, values);
  }
}
