package io.tandem.validator.api.validate;

import java.util.List;

/**
 * The outcome of {@link Validator#sample(int)}: rows picked at random tokens over the whole ring and compared.
 * The bound is a 95% upper confidence bound on the share of mismatching rows: {@code 3/n} (rule of three) when
 * none was found, the Wilson score bound otherwise.
 */
public record SampleReport(List<TableSample> tables) {

  public SampleReport {
    tables = List.copyOf(tables);
  }

  /**
   * One table's samples.
   *
   * @param samples    rows compared
   * @param mismatches real mismatches among them (IN_FLIGHT excluded)
   * @param examples   the mismatches found (IN_FLIGHT included)
   */
  public record TableSample(String table, int samples, int mismatches, List<Mismatch> examples) {
    public TableSample {
      examples = List.copyOf(examples);
    }

    public double mismatchRateUpperBound() {
      return upperBound(mismatches, samples);
    }
  }

  public int samples() {
    return tables.stream().mapToInt(TableSample::samples).sum();
  }

  public int mismatches() {
    return tables.stream().mapToInt(TableSample::mismatches).sum();
  }

  /** 95% upper bound on the mismatch rate over all tables' samples (1.0 when nothing was sampled). */
  public double mismatchRateUpperBound() {
    return upperBound(mismatches(), samples());
  }

  public TableSample table(String name) {
    return tables.stream().filter(table -> table.table().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in this report"));
  }

  /** 3/n when {@code found} is 0, else the Wilson score upper bound at 95%. */
  public static double upperBound(long found, long samples) {
    if (samples == 0) {
      return 1.0;
    }
    if (found == 0) {
      return Math.min(1.0, 3.0 / samples);
    }
    double z = 1.959964;
    double n = samples;
    double rate = found / n;
    double center = rate + z * z / (2 * n);
    double spread = z * Math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n));
    return Math.min(1.0, (center + spread) / (1 + z * z / n));
  }
}
