package io.tandem.validator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.CellDifference.Difference;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.internal.report.CqlLiterals;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.schema.TableSchema;
import io.tandem.validator.testing.ValidationAssertions;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written to differ in known ways: the validator reports exactly those, with the right kinds and values. */
@TandemClusters
class CraftedDivergenceIT {

  private static final String COLUMNS = "k, c, v, d, l, fl, st, m, fm, u, fu";
  private static boolean created;

  @TempDir Path reportDirectory;
  private ClusterPair clusters;

  @BeforeEach
  void createDivergentTable(ClusterPair clusters) {
    this.clusters = clusters;
    if (created) {
      return;
    }
    clusters.executeOnBoth("CREATE TYPE IF NOT EXISTS %s.address (street text, zip int)");
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.crafted");
    clusters.executeOnBoth("CREATE TABLE %s.crafted (k int, c text, s text static, v text, d decimal, l list<int>, "
        + "fl frozen<list<int>>, st set<text>, m map<text, int>, fm frozen<map<text, int>>, u address, "
        + "fu frozen<address>, PRIMARY KEY (k, c))");
    both("(" + COLUMNS + ") VALUES (1, 'c1', 'same', 2.5, [1, 2], [3], {'a'}, {'x': 1}, {'y': 2}, "
        + "{street: 'main', zip: 1}, {street: 'frozen', zip: 2})");
    source("(k, c, v) VALUES (2, 'c1', 'only source')");
    target("(k, c, v) VALUES (3, 'c1', 'only target')");
    source("(k, c, v) VALUES (4, 'it''s', 'a')");
    target("(k, c, v) VALUES (4, 'it''s', 'b')");
    source("(k, c, v) VALUES (5, 'c1', 'w')");
    clusters.executeOnTarget("INSERT INTO %s.crafted (k, c, v) VALUES (5, 'c1', 'w') USING TIMESTAMP 2000");
    source("(k, c, l) VALUES (6, 'c1', [1, 2])");
    target("(k, c, l) VALUES (6, 'c1', [1, 3])");
    source("(k, c, st, fm) VALUES (7, 'c1', {'a'}, {'a': 1})");
    target("(k, c, st, fm) VALUES (7, 'c1', {'b'}, {'a': 2})");
    source("(k, c, u, fu) VALUES (8, 'c1', {street: 'x', zip: 1}, {street: 'y', zip: 1})");
    target("(k, c, u, fu) VALUES (8, 'c1', {street: 'x', zip: 2}, {street: 'y', zip: 1})");
    both("(k, s) VALUES (9, 'x')");
    source("(k, s) VALUES (10, 'x')");
    target("(k, s) VALUES (10, 'y')");
    source("(k, c, v, l, fl, st, m, fm) VALUES (11, 'c1', 'e', [], [], {}, {}, {})");
    target("(k, c, v) VALUES (11, 'c1', 'e')");
    source("(k, c, d) VALUES (12, 'c1', 1.0)");
    target("(k, c, d) VALUES (12, 'c1', 1.00)");
    clusters.executeOnSource("INSERT INTO %s.crafted (k, c, v) VALUES (13, 'c1', 't') USING TIMESTAMP 1000 AND TTL 100000");
    target("(k, c, v) VALUES (13, 'c1', 't')");
    writeWidePartitions();
    created = true;
  }

  /** k=20: 2000 rows, one value differs and one row is missing on the target; k=21: 1000 rows, the static differs. */
  private void writeWidePartitions() {
    String insert = "INSERT INTO " + clusters.keyspace() + ".crafted (k, c, s, v) VALUES (?, ?, ?, ?) USING TIMESTAMP 1000";
    PreparedStatement onSource = clusters.sourceSession().prepare(insert);
    PreparedStatement onTarget = clusters.targetSession().prepare(insert);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int row = 0; row < 2000; row++) {
      String clustering = String.format("r%04d", row);
      writes.add(clusters.sourceSession().executeAsync(onSource.bind(20, clustering, "wide", "v" + row)).toCompletableFuture());
      if (row != 1500) {
        String value = row == 500 ? "changed" : "v" + row;
        writes.add(clusters.targetSession().executeAsync(onTarget.bind(20, clustering, "wide", value)).toCompletableFuture());
      }
      if (row < 1000) {
        writes.add(clusters.sourceSession().executeAsync(onSource.bind(21, clustering, "left", "v")).toCompletableFuture());
        writes.add(clusters.targetSession().executeAsync(onTarget.bind(21, clustering, "right", "v")).toCompletableFuture());
      }
      if (writes.size() > 200) {
        writes.forEach(CompletableFuture::join);
        writes.clear();
      }
    }
    writes.forEach(CompletableFuture::join);
  }

  private void both(String insert) {
    source(insert);
    target(insert);
  }

  private void source(String insert) {
    clusters.executeOnSource("INSERT INTO %s.crafted " + insert + " USING TIMESTAMP 1000");
  }

  private void target(String insert) {
    clusters.executeOnTarget("INSERT INTO %s.crafted " + insert + " USING TIMESTAMP 1000");
  }

  private io.tandem.validator.api.validate.ValidatorBuilder validator() {
    return Validator.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "crafted").withSplits(16).withRecheckDelay(Duration.ofMillis(300));
  }

  @Test
  void should_report_exactly_the_crafted_differences_by_value() {
    ValidationReport report = validator().build().validate();

    ValidationAssertions.assertThat(report)
        .hasMismatches(MismatchKind.MISSING_IN_TARGET, 2)
        .hasMismatches(MismatchKind.MISSING_IN_SOURCE, 1)
        .hasMismatches(MismatchKind.MISMATCH, 7)
        .hasMismatches(MismatchKind.IN_FLIGHT, 0);
    assertThat(keysOf(report, MismatchKind.MISMATCH)).containsExactlyInAnyOrder(
        "k=4, c='it''s'", "k=6, c='c1'", "k=7, c='c1'", "k=8, c='c1'", "k=10, c=null", "k=20, c='r0500'",
        "k=21, c='r0000'");
    assertThat(keysOf(report, MismatchKind.MISSING_IN_TARGET)).containsExactlyInAnyOrder("k=2, c='c1'", "k=20, c='r1500'");
    assertThat(keysOf(report, MismatchKind.MISSING_IN_SOURCE)).containsExactly("k=3, c='c1'");

    assertThat(cells(find(report, "4"))).containsExactly(
        new CellDifference("v", "'a'", "'b'", 1000L, 1000L, null, null, java.util.Set.of(Difference.VALUE)));
    assertThat(columns(find(report, "7"))).containsExactlyInAnyOrder("st", "fm");
    assertThat(columns(find(report, "8"))).containsExactly("u");
    assertThat(cells(find(report, "10")).get(0).sourceValue()).isEqualTo("'x'");
    assertThat(cells(find(report, "10")).get(0).targetValue()).isEqualTo("'y'");
    assertThat(columns(find(report, "21"))).containsExactly("s");
    Mismatch missing = find(report, "2");
    assertThat(missing.cells()).extracting(CellDifference::column, CellDifference::sourceValue, CellDifference::targetValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("v", "'only source'", null));
    assertThat(report.table(clusters.keyspace() + ".crafted").rowsCompared()).isGreaterThan(2990);
  }

  @Test
  void should_report_writetimes_and_ttls_only_when_asked_and_write_a_ledger_that_parses_back() throws Exception {
    ValidationReport report = validator().compareWritetimes(true).compareTtls(true, Duration.ofMinutes(1))
        .withReportDirectory(reportDirectory).build().validate();

    ValidationAssertions.assertThat(report).hasMismatches(MismatchKind.MISMATCH, 9);
    assertThat(cells(find(report, "5"))).singleElement().satisfies(cell -> {
      assertThat(cell.differences()).containsExactly(Difference.WRITETIME);
      assertThat(cell.sourceWritetime()).isEqualTo(1000L);
      assertThat(cell.targetWritetime()).isEqualTo(2000L);
    });
    assertThat(cells(find(report, "13"))).singleElement().satisfies(cell -> {
      assertThat(cell.differences()).containsExactly(Difference.TTL);
      assertThat(cell.sourceTtl()).isPositive();
      assertThat(cell.targetTtl()).isNull();
    });

    List<String> lines = Files.readAllLines(report.ledger().orElseThrow());
    assertThat(lines).hasSize(12);
    ObjectMapper json = new ObjectMapper();
    JsonNode quoted = lines.stream().map(line -> read(json, line))
        .filter(line -> line.get("key").get("k").asText().equals("4")).findFirst().orElseThrow();
    assertThat(quoted.get("kind").asText()).isEqualTo("MISMATCH");
    assertThat(quoted.get("cells").get(0).get("targetValue").asText()).isEqualTo("'b'");

    Map<String, String> key = new LinkedHashMap<>();
    quoted.get("key").fields().forEachRemaining(field -> key.put(field.getKey(), field.getValue().asText()));
    TableSchema schema = TableSchema.read(clusters.sourceSession(), clusters.keyspace(), "crafted");
    CqlLiterals literals = CqlLiterals.of(clusters.sourceSession());
    RowKey parsed = literals.parseKey(schema, new BigInteger(quoted.get("token").asText()), key);
    assertThat(parsed.components()[0]).isEqualTo(TypeCodecs.INT.encode(4, clusters.sourceSession().getContext()
        .getProtocolVersion()));
    assertThat(parsed.components()[1]).isEqualTo(TypeCodecs.TEXT.encode("it's", clusters.sourceSession().getContext()
        .getProtocolVersion()));
    assertThat(literals.formatKey(schema, parsed)).isEqualTo(key);

    assertThat(report.summary().orElseThrow()).exists();
    assertThat(json.readTree(report.summary().orElseThrow().toFile()).get("noMismatches").asBoolean()).isFalse();
    String html = Files.readString(report.html().orElseThrow());
    assertThat(html).contains("crafted", "MISSING_IN_TARGET", "&#39;it&#39;&#39;s&#39;").doesNotContain("'it''s'");
  }

  @Test
  void should_fail_the_assertion_with_a_message_naming_the_key() {
    ValidationReport report = validator().build().validate();

    assertThatThrownBy(() -> ValidationAssertions.assertThat(report).hasNoMismatches())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("k=4, c='it''s'")
        .hasMessageContaining("MISSING_IN_SOURCE");
    assertThatThrownBy(() -> ValidationAssertions.assertThat(report).hasNoMissingRows())
        .hasMessageContaining("k=3, c='c1'");
  }

  private static JsonNode read(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + line, e);
    }
  }

  private static List<String> keysOf(ValidationReport report, MismatchKind kind) {
    return report.mismatches().stream().filter(mismatch -> mismatch.kind() == kind).map(Mismatch::keyText).toList();
  }

  private static Mismatch find(ValidationReport report, String partition) {
    return report.mismatches().stream().filter(mismatch -> mismatch.key().get("k").equals(partition))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No mismatch for k=" + partition + " in " + report.mismatches()));
  }

  private static List<CellDifference> cells(Mismatch mismatch) {
    return mismatch.cells();
  }

  private static List<String> columns(Mismatch mismatch) {
    return mismatch.cells().stream().map(CellDifference::column).toList();
  }
}
