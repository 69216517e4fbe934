package io.tandem.core.internal.classify;

import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.classify.StatementType;
import io.tandem.core.internal.classify.SchemaStatementParser.Target;
import io.tandem.core.internal.classify.WriteStatementParser.WriteStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Classifies one query text from its tokens; see {@link DefaultStatementClassifier} for the rules. */
final class StatementParser {

  private static final Set<String> SYSTEM_KEYSPACES = Set.of(
      "system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_views",
      "system_virtual_schema");

  /**
   * What unparseable text is: a write, so that it is mirrored; and not idempotent, because nothing proves
   * that repeating it is harmless.
   */
  static final Classification UNPARSED =
      new Classification(StatementType.WRITE, false, false, false, true, false, null, null, false, false);

  private final StatementTokens tokens;
  private final boolean nonDeterministicFunctions;

  private StatementParser(List<CqlToken> tokens) {
    this.tokens = new StatementTokens(tokens);
    this.nonDeterministicFunctions = !NonDeterministicFunctions.find(tokens).isEmpty();
  }

  /** Classifies {@code query}; never throws for bad text, but answers {@link #UNPARSED}. */
  static Classification parse(String query) {
    try {
      List<CqlToken> tokens = withoutTrailingSemicolons(CqlTokenizer.tokenize(query));
      return tokens.isEmpty() ? UNPARSED : new StatementParser(tokens).statement();
    } catch (CqlSyntaxException e) {
      return UNPARSED;
    }
  }

  private static List<CqlToken> withoutTrailingSemicolons(List<CqlToken> tokens) {
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).is(";")) {
      end--;
    }
    return tokens.subList(0, end);
  }

  private Classification statement() {
    CqlToken first = tokens.get(0);
    String verb = first.type() == CqlToken.Type.IDENTIFIER ? first.text().toUpperCase(Locale.ROOT) : "";
    if (!verb.equals("BEGIN") && tokens.indexOf(";", 0, tokens.size()) >= 0) {
      throw new CqlSyntaxException("several statements in one text");
    }
    return switch (verb) {
      case "SELECT" -> select();
      case "INSERT", "UPDATE", "DELETE" -> write();
      case "BEGIN" -> batch();
      case "TRUNCATE" -> truncate();
      case "CREATE", "ALTER", "DROP" -> schemaChange();
      case "GRANT", "REVOKE" -> withoutTarget(StatementType.DDL);
      case "LIST", "DESCRIBE", "DESC" -> withoutTarget(StatementType.READ);
      case "USE" -> use();
      default -> UNPARSED;
    };
  }

  private Classification select() {
    QualifiedName table = selectedTable();
    return simple(StatementType.READ, table.keyspace(), table.name());
  }

  private QualifiedName selectedTable() {
    int from = tokens.indexOfKeyword("FROM", 1, tokens.size());
    if (from < 0) {
      throw new CqlSyntaxException("SELECT without FROM");
    }
    return tokens.qualifiedName(from + 1);
  }

  private Classification write() {
    WriteStatement write = WriteStatementParser.parse(tokens, 0, tokens.size());
    String keyspace = write.table().keyspace();
    return new Classification(StatementType.WRITE, write.lightweightTransaction(), false,
        write.usingTimestamp(), write.nonIdempotent(), nonDeterministicFunctions, keyspace,
        write.table().name(), isSystem(keyspace), true);
  }

  /** {@code BEGIN [UNLOGGED | COUNTER] BATCH [USING …] child [;] … APPLY BATCH}. */
  private Classification batch() {
    boolean usingTimestamp = false;
    int index = afterBatchKeyword();
    if (tokens.isKeyword(index, "USING")) {
      usingTimestamp = WriteStatementParser.usingClause(tokens, index).timestamp();
    }
    boolean lightweightTransaction = false;
    boolean nonIdempotent = tokens.isKeyword(1, "COUNTER");
    for (WriteStatement child : batchChildren()) {
      lightweightTransaction |= child.lightweightTransaction();
      usingTimestamp |= child.usingTimestamp();
      nonIdempotent |= child.nonIdempotent();
    }
    return new Classification(StatementType.WRITE, lightweightTransaction, true, usingTimestamp,
        nonIdempotent, nonDeterministicFunctions, null, null, false, true);
  }

  /**
   * The tables a read or write text names: the table of a SELECT, INSERT, UPDATE or DELETE, or of each child
   * of a batch; empty for any other statement.
   *
   * @throws CqlSyntaxException if the text is not valid CQL as far as the classifier reads it
   */
  static List<QualifiedName> tables(String query) {
    List<CqlToken> tokens = withoutTrailingSemicolons(CqlTokenizer.tokenize(query));
    if (tokens.isEmpty()) {
      return List.of();
    }
    StatementParser parser = new StatementParser(tokens);
    CqlToken first = tokens.get(0);
    String verb = first.type() == CqlToken.Type.IDENTIFIER ? first.text().toUpperCase(Locale.ROOT) : "";
    return switch (verb) {
      case "SELECT" -> List.of(parser.selectedTable());
      case "INSERT", "UPDATE", "DELETE" ->
          List.of(WriteStatementParser.parse(parser.tokens, 0, tokens.size()).table());
      case "BEGIN" -> parser.batchChildren().stream().map(WriteStatement::table).toList();
      default -> List.of();
    };
  }

  private int afterBatchKeyword() {
    int index = tokens.isKeyword(1, "COUNTER") || tokens.isKeyword(1, "UNLOGGED") ? 2 : 1;
    if (!tokens.isKeyword(index, "BATCH")) {
      throw new CqlSyntaxException("expected BATCH");
    }
    return index + 1;
  }

  private List<WriteStatement> batchChildren() {
    int index = afterBatchKeyword();
    if (tokens.isKeyword(index, "USING")) {
      index = WriteStatementParser.usingClause(tokens, index).end();
    }
    int apply = tokens.size() - 2;
    if (apply < index || !tokens.isKeyword(apply, "APPLY") || !tokens.isKeyword(apply + 1, "BATCH")) {
      throw new CqlSyntaxException("batch without APPLY BATCH");
    }
    List<WriteStatement> children = new ArrayList<>();
    while (index < apply) {
      int next = nextChild(index + 1, apply);
      children.add(WriteStatementParser.parse(tokens, index, withoutSemicolons(index, next)));
      index = next;
    }
    return children;
  }

  /** The start of the batch child after {@code from}, or {@code apply}: the {@code ;} between is optional. */
  private int nextChild(int from, int apply) {
    int next = apply;
    for (String verb : new String[] {"INSERT", "UPDATE", "DELETE"}) {
      int index = tokens.indexOfKeyword(verb, from, next);
      if (index >= 0) {
        next = index;
      }
    }
    return next;
  }

  private int withoutSemicolons(int from, int to) {
    int end = to;
    while (end > from && tokens.is(end - 1, ";")) {
      end--;
    }
    return end;
  }

  /** {@code TRUNCATE [TABLE] name}. */
  private Classification truncate() {
    int index = tokens.isKeyword(1, "TABLE") || tokens.isKeyword(1, "COLUMNFAMILY") ? 2 : 1;
    QualifiedName table = tokens.qualifiedName(index);
    requireEnd(table.end());
    return simple(StatementType.WRITE, table.keyspace(), table.name());
  }

  private Classification schemaChange() {
    Target target = SchemaStatementParser.target(tokens);
    return simple(StatementType.DDL, target.keyspace(), target.table());
  }

  private Classification use() {
    String keyspace = tokens.name(1);
    requireEnd(2);
    return simple(StatementType.USE, keyspace, null);
  }

  private Classification withoutTarget(StatementType type) {
    if (tokens.size() < 2) {
      throw new CqlSyntaxException("incomplete statement");
    }
    return simple(type, null, null);
  }

  private void requireEnd(int index) {
    if (index != tokens.size()) {
      throw new CqlSyntaxException("unexpected text at offset " + tokens.get(index).start());
    }
  }

  private Classification simple(StatementType type, String keyspace, String table) {
    return new Classification(type, false, false, false, false, nonDeterministicFunctions, keyspace, table,
        isSystem(keyspace), true);
  }

  private static boolean isSystem(String keyspace) {
    return keyspace != null && SYSTEM_KEYSPACES.contains(keyspace);
  }
}
