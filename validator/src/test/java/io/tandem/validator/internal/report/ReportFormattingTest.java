package io.tandem.validator.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportFormattingTest {

  @Test
  void should_escape_html() {
    assertThat(ReportWriter.escape("<b>'x' & \"y\"</b>")).isEqualTo("&lt;b&gt;&#39;x&#39; &amp; &quot;y&quot;&lt;/b&gt;");
  }

  @Test
  void should_truncate_long_values_on_the_console_only() {
    String longValue = "x".repeat(200);
    assertThat(ConsoleSummary.truncate(longValue)).hasSize(ConsoleSummary.MAX_VALUE_LENGTH).endsWith("...");
    assertThat(ConsoleSummary.truncate("short")).isEqualTo("short");
    assertThat(ConsoleSummary.truncate(null)).isEqualTo("(absent)");
  }
}
