package io.tandem.validator.internal.report;

import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.FailedRange;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.TableValidation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of report values (plain maps, so field order and token-as-string are explicit). */
final class JsonForms {

  private JsonForms() {}

  /** One ledger line; the token is a string because Random partitioner tokens exceed a JSON number's precision. */
  static Map<String, Object> mismatch(Mismatch mismatch) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("table", mismatch.table());
    line.put("token", mismatch.token().toString());
    line.put("key", mismatch.key());
    line.put("kind", mismatch.kind().name());
    line.put("detectedAt", mismatch.detectedAt().toString());
    line.put("cells", mismatch.cells().stream().map(JsonForms::cell).toList());
    return line;
  }

  static Map<String, Object> cell(CellDifference cell) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("column", cell.column());
    json.put("sourceValue", cell.sourceValue());
    json.put("targetValue", cell.targetValue());
    json.put("sourceWritetime", cell.sourceWritetime());
    json.put("targetWritetime", cell.targetWritetime());
    json.put("sourceTtl", cell.sourceTtl());
    json.put("targetTtl", cell.targetTtl());
    json.put("differences", cell.differences().stream().map(Enum::name).sorted().toList());
    return json;
  }

  static Map<String, Object> table(TableValidation table) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("table", table.table());
    json.put("sourceRows", table.sourceRows());
    json.put("targetRows", table.targetRows());
    json.put("rowsCompared", table.rowsCompared());
    Map<String, Long> counts = new LinkedHashMap<>();
    table.counts().forEach((kind, count) -> counts.put(kind.name(), count));
    json.put("mismatches", counts);
    json.put("failedRanges", failedRanges(table.failedRanges()));
    json.put("scanStart", table.scanStart().toString());
    json.put("durationMillis", table.duration().toMillis());
    json.put("cancelled", table.cancelled());
    json.put("firstMismatches", table.mismatches().stream().map(JsonForms::mismatch).toList());
    return json;
  }

  private static List<Map<String, String>> failedRanges(List<FailedRange> ranges) {
    return ranges.stream().map(range -> Map.of("range", range.range().toString(), "error", range.error())).toList();
  }
}
