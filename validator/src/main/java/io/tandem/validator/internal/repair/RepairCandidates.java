package io.tandem.validator.internal.repair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a repair's rows come from: ledger lines or mismatches, without the IN_FLIGHT and WRITETIME_WITHIN_TOLERANCE
 * ones (their values are the same on both sides).
 */
public final class RepairCandidates {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RepairCandidates() {}

  /** A row to re-read and repair. */
  public record Candidate(String table, BigInteger token, Map<String, String> key, MismatchKind kind) {}

  public static List<Candidate> fromMismatches(Collection<Mismatch> mismatches) {
    return mismatches.stream()
        .filter(mismatch -> isRepairable(mismatch.kind()))
        .map(mismatch -> new Candidate(mismatch.table(), mismatch.token(), mismatch.key(), mismatch.kind()))
        .toList();
  }

  /** Reads a JSON Lines ledger; a line that cannot be read is an error naming its number. */
  public static List<Candidate> fromLedger(Path ledger) {
    List<Candidate> candidates = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(ledger, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          Candidate candidate = parse(line, ledger, number);
          if (isRepairable(candidate.kind())) {
            candidates.add(candidate);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the mismatch ledger " + ledger, e);
    }
    return candidates;
  }

  private static Candidate parse(String line, Path ledger, int number) {
    try {
      JsonNode node = JSON.readTree(line);
      Map<String, String> key = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.get("key").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        key.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
      }
      return new Candidate(node.get("table").asText(), new BigInteger(node.get("token").asText()), key,
          MismatchKind.valueOf(node.get("kind").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Line " + number + " of " + ledger
          + " is not a Tandem mismatch ledger line (table, token, key, kind): " + e.getMessage(), e);
    }
  }

  private static boolean isRepairable(MismatchKind kind) {
    return kind != MismatchKind.IN_FLIGHT && kind != MismatchKind.WRITETIME_WITHIN_TOLERANCE;
  }
}
