package io.tandem.core.internal.classify;

import io.tandem.core.internal.classify.ConditionalWrite.Marker;
import io.tandem.core.internal.classify.ConditionalWrite.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a single conditional {@code INSERT}, {@code UPDATE} or {@code DELETE} into a {@link ConditionalWrite}: the
 * {@code IF} clause removed (in Cassandra's grammar it follows {@code VALUES (…)} of an {@code INSERT}, and ends an
 * {@code UPDATE} or {@code DELETE}), the written columns and the key restrictions with their terms.
 */
public final class ConditionalWrites {

  private ConditionalWrites() {}

  /** The statement without its condition; empty when it is not one conditional write this class can read. */
  public static Optional<ConditionalWrite> parse(String query) {
    try {
      StatementTokens tokens = new StatementTokens(CqlTokenizer.tokenize(query));
      if (tokens.size() == 0 || tokens.indexOf(";", 0, tokens.size()) >= 0) {
        return Optional.empty();
      }
      return new Reader(query, tokens).read();
    } catch (CqlSyntaxException e) {
      return Optional.empty();
    }
  }

  /** One pass over one statement's tokens. */
  private static final class Reader {
    private final String query;
    private final StatementTokens tokens;
    private final int[] positions;
    private final Map<String, Term> written = new LinkedHashMap<>();
    private final Map<String, Term> restrictions = new LinkedHashMap<>();

    Reader(String query, StatementTokens tokens) {
      this.query = query;
      this.tokens = tokens;
      this.positions = positionalIndexes(tokens);
    }

    Optional<ConditionalWrite> read() {
      String verb = tokens.get(0).text().toUpperCase(Locale.ROOT);
      return switch (verb) {
        case "INSERT" -> insert();
        case "UPDATE" -> update();
        case "DELETE" -> delete();
        default -> Optional.empty();
      };
    }

    private Optional<ConditionalWrite> insert() {
      if (!tokens.isKeyword(1, "INTO")) {
        return Optional.empty();
      }
      QualifiedName table = tokens.qualifiedName(2);
      if (!tokens.is(table.end(), "(")) {
        return Optional.empty(); // INSERT … JSON: no column list to read
      }
      int columnsEnd = closing(table.end());
      if (!tokens.isKeyword(columnsEnd + 1, "VALUES") || !tokens.is(columnsEnd + 2, "(")) {
        return Optional.empty();
      }
      int valuesEnd = closing(columnsEnd + 2);
      List<int[]> columns = split(table.end() + 1, columnsEnd);
      List<int[]> values = split(columnsEnd + 3, valuesEnd);
      if (columns.size() != values.size()) {
        return Optional.empty();
      }
      for (int index = 0; index < columns.size(); index++) {
        Term term = term(values.get(index)[0], values.get(index)[1]);
        written.put(tokens.name(columns.get(index)[0]), term);
        restrictions.put(tokens.name(columns.get(index)[0]), term);
      }
      int condition = tokens.indexOfKeyword("IF", valuesEnd + 1, tokens.size());
      if (condition < 0 || !tokens.isKeyword(condition + 1, "NOT") || !tokens.isKeyword(condition + 2, "EXISTS")) {
        return Optional.empty();
      }
      return result(table, condition, condition + 3);
    }

    private Optional<ConditionalWrite> update() {
      QualifiedName table = tokens.qualifiedName(1);
      int set = tokens.indexOfKeyword("SET", table.end(), tokens.size());
      int where = set < 0 ? -1 : tokens.indexOfKeyword("WHERE", set, tokens.size());
      int condition = where < 0 ? -1 : tokens.indexOfKeyword("IF", where, tokens.size());
      if (condition < 0) {
        return Optional.empty();
      }
      for (int[] assignment : split(set + 1, where)) {
        readAssignment(assignment[0], assignment[1]);
      }
      readRestrictions(where + 1, condition);
      return result(table, condition, tokens.size());
    }

    private Optional<ConditionalWrite> delete() {
      int from = tokens.indexOfKeyword("FROM", 1, tokens.size());
      if (from < 0) {
        return Optional.empty();
      }
      QualifiedName table = tokens.qualifiedName(from + 1);
      int where = tokens.indexOfKeyword("WHERE", table.end(), tokens.size());
      int condition = where < 0 ? -1 : tokens.indexOfKeyword("IF", where, tokens.size());
      if (condition < 0) {
        return Optional.empty();
      }
      readRestrictions(where + 1, condition);
      return result(table, condition, tokens.size());
    }

    /** {@code c = term} only: element, field and {@code c = c + …} assignments do not replace the whole value. */
    private void readAssignment(int from, int to) {
      if (to - from < 3 || !tokens.get(from).isName() || !tokens.is(from + 1, "=")) {
        return;
      }
      String column = tokens.get(from).name();
      for (int index = from + 2; index < to; index++) {
        CqlToken token = tokens.get(index);
        if (token.is("+") || token.is("-") || token.isName() && token.name().equals(column)) {
          return;
        }
      }
      written.put(column, term(from + 2, to));
    }

    /** The {@code c = term} restrictions of a {@code WHERE} clause ({@code IN}, ranges and tuples are left out). */
    private void readRestrictions(int from, int to) {
      int start = from;
      while (start < to) {
        int and = tokens.indexOfKeyword("AND", start, to);
        int end = and < 0 ? to : and;
        if (end - start >= 3 && tokens.get(start).isName() && tokens.is(start + 1, "=")) {
          restrictions.put(tokens.get(start).name(), term(start + 2, end));
        }
        start = end + 1;
      }
    }

    private Optional<ConditionalWrite> result(QualifiedName table, int conditionFrom, int conditionTo) {
      Set<Integer> removedPositions = new LinkedHashSet<>();
      Set<String> conditionNames = new LinkedHashSet<>();
      Set<String> keptNames = new HashSet<>();
      for (int index = 0; index < tokens.size(); index++) {
        CqlToken token = tokens.get(index);
        if (token.type() != CqlToken.Type.BIND_MARKER) {
          continue;
        }
        boolean removed = index >= conditionFrom && index < conditionTo;
        if (positions[index] >= 0 && removed) {
          removedPositions.add(positions[index]);
        } else if (positions[index] < 0) {
          (removed ? conditionNames : keptNames).add(markerName(token));
        }
      }
      conditionNames.removeAll(keptNames);
      int cutFrom = tokens.get(conditionFrom).start();
      int cutTo = tokens.get(conditionTo - 1).end();
      String unconditional = (query.substring(0, cutFrom).stripTrailing() + " " + query.substring(cutTo).strip())
          .strip();
      return Optional.of(new ConditionalWrite(unconditional, table.keyspace(), table.name(), removedPositions,
          conditionNames, written, restrictions));
    }

    private Term term(int from, int to) {
      StringBuilder text = new StringBuilder();
      List<Marker> markers = new ArrayList<>();
      int copied = tokens.get(from).start();
      for (int index = from; index < to; index++) {
        CqlToken token = tokens.get(index);
        if (token.type() == CqlToken.Type.BIND_MARKER) {
          text.append(query, copied, token.start()).append('?');
          copied = token.end();
          markers.add(positions[index] >= 0 ? new Marker(positions[index], null) : new Marker(-1, markerName(token)));
        }
      }
      text.append(query, copied, tokens.get(to - 1).end());
      boolean nullLiteral = to - from == 1 && tokens.get(from).isKeyword("NULL");
      return new Term(text.toString(), List.copyOf(markers), nullLiteral);
    }

    /** The index of the bracket closing the one at {@code open}. */
    private int closing(int open) {
      int depth = 0;
      for (int index = open; index < tokens.size(); index++) {
        CqlToken token = tokens.get(index);
        if (token.is("(") || token.is("[") || token.is("{")) {
          depth++;
        } else if ((token.is(")") || token.is("]") || token.is("}")) && --depth == 0) {
          return index;
        }
      }
      throw new CqlSyntaxException("unclosed bracket");
    }

    /** The comma-separated parts of {@code [from, to)} outside nested brackets, as {@code [start, end)} pairs. */
    private List<int[]> split(int from, int to) {
      List<int[]> parts = new ArrayList<>();
      int start = from;
      int depth = 0;
      for (int index = from; index < to; index++) {
        CqlToken token = tokens.get(index);
        if (token.is("(") || token.is("[") || token.is("{")) {
          depth++;
        } else if (token.is(")") || token.is("]") || token.is("}")) {
          depth--;
        } else if (depth == 0 && token.is(",")) {
          parts.add(new int[] {start, index});
          start = index + 1;
        }
      }
      if (start < to) {
        parts.add(new int[] {start, to});
      }
      return parts;
    }
  }

  /** For each token, its index among the {@code ?} markers, or -1. */
  private static int[] positionalIndexes(StatementTokens tokens) {
    int[] positions = new int[tokens.size()];
    int next = 0;
    for (int index = 0; index < tokens.size(); index++) {
      CqlToken token = tokens.get(index);
      positions[index] = token.type() == CqlToken.Type.BIND_MARKER && token.text().equals("?") ? next++ : -1;
    }
    return positions;
  }

  /** The name of a {@code :name} marker as the driver keys its value: unquoted names in lower case. */
  private static String markerName(CqlToken marker) {
    String name = marker.text().substring(1);
    return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
        : name.toLowerCase(Locale.ROOT);
  }
}
