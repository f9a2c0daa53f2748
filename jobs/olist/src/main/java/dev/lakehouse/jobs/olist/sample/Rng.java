package dev.lakehouse.jobs.olist.sample;

import java.util.SplittableRandom;

/**
 * Seeded random source for the sample-data generators.
 *
 * <p>Wraps {@link SplittableRandom}, whose algorithm is fixed by its specification, and uses {@link
 * StrictMath} for the transcendental functions so that a given seed gives the same bytes on every
 * JVM and platform. {@code nextGaussian()} of the JDK is avoided on purpose: its algorithm is not
 * specified and has changed between releases.
 */
final class Rng {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;
  private double spareGaussian;
  private boolean hasSpare;

  Rng(long seed) {
    this(new SplittableRandom(seed));
  }

  private Rng(SplittableRandom random) {
    this.random = random;
  }

  /** An independent stream; the parent's sequence advances by a fixed amount. */
  Rng split() {
    return new Rng(random.split());
  }

  double nextDouble() {
    return random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in {@code [lo, hi]}, both ends included. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** Uniform in {@code [lo, hi]}, both ends included. */
  long between(long lo, long hi) {
    return lo + random.nextLong(hi - lo + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Standard normal variate (polar Box-Muller). */
  double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * factor;
    hasSpare = true;
    return u * factor;
  }

  /** Log-normal variate with the given median and shape. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  /** A 32-character lowercase hexadecimal id, like the Olist ids. */
  String hexId() {
    char[] chars = new char[32];
    long hi = random.nextLong();
    long lo = random.nextLong();
    for (int i = 0; i < 16; i++) {
      chars[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      chars[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(chars);
  }

  /** Shuffles the array in place (Fisher-Yates). */
  void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }

  /** The numbers {@code 0 .. n-1} in random order. */
  int[] permutation(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    shuffle(values);
    return values;
  }
}
