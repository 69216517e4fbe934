package io.tandem.proxy.it.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a driver script printed: one JSON object per step, by step name, and the run it came from. */
final class DriverReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScriptRun run;
  private final Map<String, JsonNode> steps = new LinkedHashMap<>();

  DriverReport(ScriptRun run) {
    this.run = run;
    run.stdout().lines().filter(line -> line.startsWith("{")).forEach(this::add);
  }

  /** The step's results; fails, showing all the script printed, when the step is missing or failed. */
  JsonNode step(String name) {
    assertThat(steps).as(describe()).containsKey(name);
    JsonNode step = steps.get(name);
    assertThat(step.has("error")).as("step %s failed: %s", name, describe()).isFalse();
    return step;
  }

  /** The run, for assertion messages: command, exit code, stdout and stderr. */
  String describe() {
    return run.describe();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }

  private void add(String line) {
    JsonNode step = json(line);
    steps.put(step.path("step").asText(), step);
  }
}
