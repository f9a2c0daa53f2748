package dev.lakehouse.launcher.bench;

import java.util.List;

/**
 * Fits {@code t ≈ a + b·n^k} to (rows, seconds) points: for each k on a grid (0.05 steps from 0.05
 * to 2.0) the least-squares a and b (a and b kept at 0 or above: a fixed cost and a growing one),
 * then the k with the smallest squared error. With two points every k fits exactly, so a is taken
 * as 0 and k is the log-log slope; with one point there is nothing to fit.
 *
 * @param k the exponent, or NaN with fewer than two points
 * @param a the fixed part in seconds
 * @param b the coefficient
 * @param points points fitted
 * @param method how k was found
 */
record ScalingFit(double k, double a, double b, int points, String method) {

  record Point(double rows, double seconds) {}

  static ScalingFit fit(List<Point> points) {
    if (points.size() < 2) {
      return new ScalingFit(Double.NaN, Double.NaN, Double.NaN, points.size(), "needs 2+ scales");
    }
    if (points.size() == 2) {
      Point p = points.get(0);
      Point q = points.get(1);
      double k = Math.log(q.seconds() / p.seconds()) / Math.log(q.rows() / p.rows());
      double b = p.seconds() / Math.pow(p.rows(), k);
      return new ScalingFit(k, 0, b, 2, "two-point log-log slope (a taken as 0)");
    }
    double bestK = Double.NaN;
    double bestA = 0;
    double bestB = 0;
    double bestErr = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= 40; i++) {
      double k = i * 0.05;
      double[] ab = leastSquares(points, k);
      double err = 0;
      for (Point p : points) {
        double r = p.seconds() - (ab[0] + ab[1] * Math.pow(p.rows(), k));
        err += r * r;
      }
      if (err < bestErr) {
        bestErr = err;
        bestK = k;
        bestA = ab[0];
        bestB = ab[1];
      }
    }
    return new ScalingFit(
        bestK, bestA, bestB, points.size(), "grid search over k, least squares for a, b >= 0");
  }

  /** a, b minimising the squared error of t = a + b·x for x = n^k, both clamped at 0. */
  static double[] leastSquares(List<Point> points, double k) {
    int n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Point p : points) {
      double x = Math.pow(p.rows(), k);
      sx += x;
      sy += p.seconds();
      sxx += x * x;
      sxy += x * p.seconds();
    }
    double den = n * sxx - sx * sx;
    double b = den == 0 ? 0 : (n * sxy - sx * sy) / den;
    double a = (sy - b * sx) / n;
    if (b < 0) {
      return new double[] {sy / n, 0};
    }
    if (a < 0) {
      // Through the origin.
      return new double[] {0, sxx == 0 ? 0 : sxy / sxx};
    }
    return new double[] {a, b};
  }
}
