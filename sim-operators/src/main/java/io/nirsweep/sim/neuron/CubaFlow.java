package io.nirsweep.sim.neuron;

/**
 * The exact solution of the current-based neuron with constant input over a time t (a = 1/τ_mem,
 * s = 1/τ_syn, c = i0 − i∞, i∞ = w_in·x, v∞ = v_leak + R·i∞):
 * i(t) = i∞ + c·e^{−st}; v(t) = v∞ + A·e^{−st} + K·e^{−at} with A = R·c·a/(a − s), K = v0 − v∞ − A, or, when
 * τ_mem = τ_syn, v(t) = v∞ + (v0 − v∞ + R·c·a·t)·e^{−at}. v has at most one extremum, so a crossing of θ is
 * bracketed by the extremum and the end of the interval and found by bisection.
 */
record CubaFlow(double r, double tauMem, double tauSyn, double vLeak, double iInf) {
    private boolean degenerate() {
        return Math.abs(tauMem - tauSyn) <= 1e-12 * Math.max(tauMem, tauSyn);
    }

    double i(double i0, double t) {
        return iInf + (i0 - iInf) * Math.exp(-t / tauSyn);
    }

    double v(double v0, double i0, double t) {
        double a = 1 / tauMem;
        double c = i0 - iInf;
        double vInf = vLeak + r * iInf;
        if (degenerate()) {
            return vInf + (v0 - vInf + r * c * a * t) * Math.exp(-a * t);
        }
        double s = 1 / tauSyn;
        double amp = r * c * a / (a - s);
        return vInf + amp * Math.exp(-s * t) + (v0 - vInf - amp) * Math.exp(-a * t);
    }

    /** Time of v's extremum in (0, h), or NaN. */
    private double extremum(double v0, double i0, double h) {
        double a = 1 / tauMem;
        double c = i0 - iInf;
        double vInf = vLeak + r * iInf;
        double t;
        if (degenerate()) {
            t = r * c == 0 ? Double.NaN : (r * c - (v0 - vInf)) / (r * c * a);
        } else {
            double s = 1 / tauSyn;
            double amp = r * c * a / (a - s);
            double k = v0 - vInf - amp;
            double ratio = -a * k / (s * amp);
            t = amp == 0 || !(ratio > 0) ? Double.NaN : Math.log(ratio) / (a - s);
        }
        return t > 0 && t < h ? t : Double.NaN;
    }

    /** The first time in [0, h] at which v exceeds θ, or NaN when it does not within h. */
    double firstCrossing(double v0, double i0, double h, double th, boolean strict) {
        if (strict ? v0 > th : v0 >= th) {
            return 0;
        }
        double te = extremum(v0, i0, h);
        double lo;
        double hi;
        if (!Double.isNaN(te) && above(v(v0, i0, te), th, strict)) {
            lo = 0;
            hi = te;
        } else if (above(v(v0, i0, h), th, strict)) {
            lo = Double.isNaN(te) ? 0 : te;
            hi = h;
        } else {
            return Double.NaN;
        }
        for (int n = 0; n < 200 && hi - lo > 1e-16 * h; n++) {
            double mid = 0.5 * (lo + hi);
            if (above(v(v0, i0, mid), th, strict)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean above(double v, double th, boolean strict) {
        return strict ? v > th : v >= th;
    }
}
