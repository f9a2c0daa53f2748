package dev.lakehouse.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingFitTest {
  private static List<ScalingFit.Point> curve(double a, double b, double k, double... rows) {
    return java.util.Arrays.stream(rows)
        .mapToObj(n -> new ScalingFit.Point(n, a + b * Math.pow(n, k)))
        .toList();
  }

  @Test
  void recoversTheFixedPartAndTheExponentOfAnExactCurve() {
    ScalingFit fit = ScalingFit.fit(curve(40, 0.002, 0.9, 15_000, 150_000, 1_500_000, 4_500_000));
    assertThat(fit.k()).isCloseTo(0.9, within(1e-9));
    assertThat(fit.a()).isCloseTo(40, within(1e-6));
    assertThat(fit.points()).isEqualTo(4);
  }

  @Test
  void aLinearCurveWithoutFixedCostHasExponentOne() {
    ScalingFit fit = ScalingFit.fit(curve(0, 0.0001, 1.0, 1_000, 10_000, 100_000));
    assertThat(fit.k()).isCloseTo(1.0, within(1e-9));
    assertThat(fit.a()).isCloseTo(0, within(1e-6));
  }

  @Test
  void twoPointsGiveTheLogLogSlopeAndOnePointNothing() {
    ScalingFit two = ScalingFit.fit(curve(0, 1, 0.5, 100, 10_000));
    assertThat(two.k()).isCloseTo(0.5, within(1e-9));
    assertThat(two.method()).contains("two-point");
    assertThat(Double.isNaN(ScalingFit.fit(curve(0, 1, 1, 100)).k())).isTrue();
  }
}
