package io.tandem.examples.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.repair.Repairer;
import io.tandem.validator.api.repair.RepairerBuilder;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.api.validate.ValidatorBuilder;
import io.tandem.validator.testing.ValidationAssertions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration test of the user-profile service: its history is copied to the target with every cell's
 * writetime and TTL, and the validator proves both clusters hold the same data; when they do not, the test says
 * exactly which rows differ, repairs them and proves it again.
 */
@TandemClusters
class UserProfileMigrationIT {

  private static final int PROFILES = 50;
  private static final Duration SIGN_IN_VALIDITY = Duration.ofDays(1);

  @TempDir Path reports;

  private CqlSession source;
  private CqlSession target;
  private String keyspace;

  @BeforeEach
  void writeHistoryOnTheSource(ClusterPair clusters) {
    // the only lines that tie the test to the embedded clusters (README: "Your own clusters")
    source = clusters.sourceSession();
    target = clusters.targetSession();
    keyspace = clusters.keyspace();

    for (CqlSession cluster : List.of(source, target)) { // an empty table on both sides for every test
      UserProfileRepository.createTable(cluster, keyspace);
      cluster.execute("TRUNCATE " + keyspace + "." + UserProfileRepository.TABLE);
    }
    // what the application wrote before dual writes began: inserts, then updates at later writetimes
    UserProfileRepository application = new UserProfileRepository(source, keyspace);
    for (int number = 0; number < PROFILES; number++) {
      UUID userId = userId(number);
      application.save(new UserProfile(userId, "user" + number + "@example.com", "User " + number, Set.of("beta")));
      if (number % 2 == 0) {
        application.addTag(userId, "newsletter");
      }
      if (number % 3 == 0) {
        application.rename(userId, "Renamed " + number);
      }
      if (number % 5 == 0) {
        application.signIn(userId, "token-" + number, SIGN_IN_VALIDITY);
      }
    }
  }

  @Test
  void should_find_no_mismatches_after_copy() {
    CopyReport copy = copyHistory();

    assertThat(copy.complete()).isTrue();
    assertThat(copy.failedRanges()).isEmpty();
    assertThat(copy.rowsRead()).isEqualTo(PROFILES);

    ValidationReport report = validator().build().validate();

    ValidationAssertions.assertThat(report).hasNoMismatches();
    assertThat(report.totalRowsCompared()).isEqualTo(PROFILES);
    UUID userId = userId(30); // renamed, tagged twice, signed in
    Row onSource = writetimes(source, userId);
    Row onTarget = writetimes(target, userId);
    assertThat(onTarget.getLong("name_written")).isEqualTo(onSource.getLong("name_written"));
    assertThat(onTarget.getList("tags_written", Long.class)).isEqualTo(onSource.getList("tags_written", Long.class));
    assertThat(onTarget.getInt("token_ttl")).isCloseTo(onSource.getInt("token_ttl"), within(5));
  }

  @Test
  void should_report_the_rows_the_target_missed_then_repair_them() {
    copyHistory();
    // two writes that reached the source only, as when a mirrored write is lost
    UserProfileRepository sourceOnly = new UserProfileRepository(source, keyspace);
    UUID newcomer = userId(PROFILES);
    sourceOnly.save(new UserProfile(newcomer, "newcomer@example.com", "Newcomer", Set.of()));
    UUID renamed = userId(7);
    sourceOnly.rename(renamed, "Seven, renamed");

    ValidationReport report = validator().withReportDirectory(reports).build().validate();

    ValidationAssertions.assertThat(report)
        .hasMismatches(MismatchKind.MISSING_IN_TARGET, 1)
        .hasMismatches(MismatchKind.MISMATCH, 1)
        .hasMismatches(MismatchKind.MISSING_IN_SOURCE, 0);
    assertThat(report.mismatches())
        .extracting(Mismatch::kind, Mismatch::key)
        .containsExactlyInAnyOrder(
            tuple(MismatchKind.MISSING_IN_TARGET, Map.of("user_id", newcomer.toString())),
            tuple(MismatchKind.MISMATCH, Map.of("user_id", renamed.toString())));
    Mismatch changed = report.mismatches().stream()
        .filter(mismatch -> mismatch.kind() == MismatchKind.MISMATCH).findFirst().orElseThrow();
    assertThat(changed.cells())
        .extracting(CellDifference::column, CellDifference::sourceValue, CellDifference::targetValue)
        .containsExactly(tuple("display_name", "'Seven, renamed'", "'User 7'"));
    assertThat(report.ledger()).hasValueSatisfying(ledger -> assertThat(ledger).isRegularFile());

    RepairReport plan = repairer(report).withDryRun(true).build().run();

    assertThat(plan.changes())
        .extracting(RepairAction::kind, RepairAction::key)
        .containsExactlyInAnyOrder(
            tuple(RepairAction.Kind.WRITE_CELLS, Map.of("user_id", newcomer.toString())),
            tuple(RepairAction.Kind.WRITE_CELLS, Map.of("user_id", renamed.toString())));
    UserProfileRepository onTarget = new UserProfileRepository(target, keyspace);
    assertThat(onTarget.find(newcomer)).as("the dry run wrote nothing").isEmpty();

    RepairReport repair = repairer(report).build().run();

    assertThat(repair.changes()).hasSize(2);
    assertThat(onTarget.find(renamed)).map(UserProfile::displayName).contains("Seven, renamed");
    assertThat(writetimes(target, renamed).getLong("name_written"))
        .as("repaired at the source cell's own writetime")
        .isEqualTo(writetimes(source, renamed).getLong("name_written"));
    ValidationAssertions.assertThat(validator().build().validate()).hasNoMismatches();
  }

  /** The historical copy: every cell keeps its own writetime and remaining TTL. */
  private CopyReport copyHistory() {
    return TableCopier.builder()
        .withSource(source)
        .withTarget(target)
        .forTable(keyspace, UserProfileRepository.TABLE)
        .withTimestampStrategy(TimestampStrategy.PRESERVE) // the default, spelled out
        .withSplits(16) // a small table: a few token ranges are enough
        .build()
        .run();
  }

  /** A full two-sided validation, strict about writetimes and TTLs since the copy preserved them. */
  private ValidatorBuilder validator() {
    return Validator.builder()
        .withSource(source)
        .withTarget(target)
        .forTable(keyspace, UserProfileRepository.TABLE)
        .compareWritetimes(true)
        .compareTtls(true, Duration.ofSeconds(5)) // both sides count down; they are read a moment apart
        .withSplits(16)
        .withRecheckDelay(Duration.ofMillis(200)); // nothing else writes during the test: no need to wait 2 s
  }

  /** A repair of what {@code report} found: source cells newer than the target's, at their own writetime. */
  private RepairerBuilder repairer(ValidationReport report) {
    return Repairer.builder().withSource(source).withTarget(target).fromReport(report);
  }

  private Row writetimes(CqlSession session, UUID userId) {
    return session.execute(SimpleStatement.newInstance("SELECT WRITETIME(display_name) AS name_written, "
        + "WRITETIME(tags) AS tags_written, TTL(session_token) AS token_ttl FROM " + keyspace + "."
        + UserProfileRepository.TABLE + " WHERE user_id = ?", userId)).one();
  }

  /** The same ids on every run, so that a failure names the same rows. */
  private static UUID userId(int number) {
    return UUID.nameUUIDFromBytes(("user-" + number).getBytes(StandardCharsets.UTF_8));
  }
}
