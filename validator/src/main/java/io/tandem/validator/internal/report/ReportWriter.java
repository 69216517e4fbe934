package io.tandem.validator.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.FailedRange;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.TableValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code summary.json} and a self-contained {@code report.html} for the tables of a run. */
public final class ReportWriter {

  public static final String SUMMARY = "summary.json";
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** Writes {@value #SUMMARY} in {@code directory} and returns its path. */
  public static Path writeSummary(Path directory, List<TableValidation> tables) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("noMismatches", tables.stream().allMatch(TableValidation::hasNoMismatches));
    summary.put("cancelled", tables.stream().anyMatch(TableValidation::cancelled));
    summary.put("tables", tables.stream().map(JsonForms::table).toList());
    Path path = directory.resolve(SUMMARY);
    try {
      Files.createDirectories(directory);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
    return path;
  }

  /** Writes {@value #HTML} in {@code directory} and returns its path. */
  public static Path writeHtml(Path directory, List<TableValidation> tables) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>Tandem validation report</title><style>body{font-family:sans-serif;margin:2em}"
        + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #bbb;padding:4px 8px;"
        + "text-align:left;vertical-align:top}th{background:#eee}.bad{color:#b00}.ok{color:#070}"
        + "code{white-space:pre-wrap;word-break:break-all}</style></head><body>\n<h1>Tandem validation report</h1>\n");
    for (TableValidation table : tables) {
      appendTable(html, table);
    }
    html.append("</body></html>\n");
    Path path = directory.resolve(HTML);
    try {
      Files.createDirectories(directory);
      Files.writeString(path, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
    return path;
  }

  private static void appendTable(StringBuilder html, TableValidation table) {
    boolean ok = table.hasNoMismatches();
    html.append("<h2>").append(escape(table.table())).append(" <span class=\"").append(ok ? "ok\">" : "bad\">")
        .append(ConsoleSummary.verdict(table).toLowerCase(Locale.ROOT))
        .append("</span></h2>\n<table><tr><th>rows read (source)</th><td>").append(table.sourceRows())
        .append("</td></tr><tr><th>rows read (target)</th><td>").append(table.targetRows())
        .append("</td></tr><tr><th>rows compared</th><td>").append(table.rowsCompared()).append("</td></tr>");
    for (MismatchKind kind : MismatchKind.values()) {
      html.append("<tr><th>").append(kind).append("</th><td>").append(table.count(kind)).append("</td></tr>");
    }
    html.append("<tr><th>scan start</th><td>").append(table.scanStart()).append("</td></tr><tr><th>duration</th><td>")
        .append(table.duration().toMillis()).append(" ms</td></tr></table>\n");
    if (!table.failedRanges().isEmpty()) {
      html.append("<h3 class=\"bad\">Ranges not read</h3><ul>");
      for (FailedRange range : table.failedRanges()) {
        html.append("<li><code>").append(escape(range.range().toString())).append("</code>: ")
            .append(escape(range.error())).append("</li>");
      }
      html.append("</ul>\n");
    }
    if (!table.mismatches().isEmpty()) {
      appendMismatches(html, table.mismatches());
    }
  }

  private static void appendMismatches(StringBuilder html, List<Mismatch> mismatches) {
    html.append("<h3>First mismatches</h3><table><tr><th>kind</th><th>key</th><th>token</th><th>column</th>"
        + "<th>source</th><th>target</th><th>writetime source / target</th><th>TTL source / target</th></tr>\n");
    for (Mismatch mismatch : mismatches) {
      List<CellDifference> cells = mismatch.cells().isEmpty() ? List.of(new CellDifference("", null, null, null, null,
          null, null, java.util.Set.of())) : mismatch.cells();
      for (CellDifference cell : cells) {
        html.append("<tr><td>").append(mismatch.kind()).append("</td><td><code>").append(escape(mismatch.keyText()))
            .append("</code></td><td>").append(mismatch.token()).append("</td><td>").append(escape(cell.column()))
            .append("</td><td><code>").append(escape(String.valueOf(cell.sourceValue()))).append("</code></td><td><code>")
            .append(escape(String.valueOf(cell.targetValue()))).append("</code></td><td>").append(cell.sourceWritetime())
            .append(" / ").append(cell.targetWritetime()).append("</td><td>").append(cell.sourceTtl()).append(" / ")
            .append(cell.targetTtl()).append("</td></tr>\n");
      }
    }
    html.append("</table>\n");
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char character : text.toCharArray()) {
      switch (character) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(character);
      }
    }
    return escaped.toString();
  }
}
