package dev.lakehouse.jobs.olist.sample;

/** Picks an index with probability proportional to a fixed table of non-negative weights. */
final class WeightedPicker {
  private final double[] cumulative;

  WeightedPicker(double... weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("weights must not be empty");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) {
        throw new IllegalArgumentException("weight " + i + " is negative or NaN: " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
  }

  int pick(Rng rng) {
    double target = rng.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
