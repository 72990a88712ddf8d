package io.gatehouse.ui.chart;

import java.util.List;

/**
 * Line and stacked-bar charts over shared x labels (time buckets), with a y axis scaled to a round maximum, x labels
 * thinned to fit, and a legend. Empty data gives a chart with axes and a "no data" note.
 */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = 12;
    static final int TOP = 24;
    static final int BOTTOM = 36;
    static final String AXIS = "#8a8f98";
    static final String TEXT = "#4a4f57";

    private Charts() {
    }

    public static String lines(String title, List<String> xLabels, List<Series> series, String unit) {
        double max = niceMax(series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max()
                .orElse(0));
        Svg svg = frame(title, xLabels, series, max, unit);
        int n = xLabels.size();
        for (Series s : series) {
            double[] xs = new double[s.values().size()];
            double[] ys = new double[s.values().size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = x(i, n);
                ys[i] = y(s.values().get(i), max);
            }
            if (xs.length > 0) {
                svg.polyline(xs, ys, s.color());
            }
        }
        return svg.build();
    }

    public static String stackedBars(String title, List<String> xLabels, List<Series> series, String unit) {
        int n = xLabels.size();
        double[] totals = new double[n];
        for (Series s : series) {
            for (int i = 0; i < n && i < s.values().size(); i++) {
                totals[i] += s.values().get(i);
            }
        }
        double top = 0;
        for (double t : totals) {
            top = Math.max(top, t);
        }
        double max = niceMax(top);
        Svg svg = frame(title, xLabels, series, max, unit);
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, n);
        double[] base = new double[n];
        for (Series s : series) {
            for (int i = 0; i < n && i < s.values().size(); i++) {
                double v = s.values().get(i);
                if (v <= 0) {
                    continue;
                }
                double yTop = y(base[i] + v, max);
                svg.rect(LEFT + i * slot + slot * 0.1, yTop, Math.max(1, slot * 0.8), y(base[i], max) - yTop, s.color(),
                        xLabels.get(i) + " " + s.name() + ": " + Svg.format(v) + unit);
                base[i] += v;
            }
        }
        return svg.build();
    }

    private static Svg frame(String title, List<String> xLabels, List<Series> series, double max, String unit) {
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        svg.element("text", title, "x", LEFT, "y", 14, "font-weight", 600, "fill", TEXT);
        int plotBottom = HEIGHT - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double yy = y(value, max);
            svg.line(LEFT, yy, WIDTH - RIGHT, yy, i == 0 ? AXIS : "#e4e6ea");
            svg.text(LEFT - 4, yy + 4, Svg.format(Math.round(value * 100) / 100.0) + unit, "end", TEXT);
        }
        svg.line(LEFT, TOP, LEFT, plotBottom, AXIS);
        int n = xLabels.size();
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i += every) {
            svg.text(x(i, n), plotBottom + 14, xLabels.get(i), "middle", TEXT);
        }
        boolean empty = series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == 0));
        if (empty) {
            svg.text((LEFT + WIDTH - RIGHT) / 2.0, (TOP + plotBottom) / 2.0, "no data in this period", "middle", AXIS);
        }
        double lx = LEFT;
        for (Series s : series) {
            svg.rect(lx, HEIGHT - 12, 10, 10, s.color(), null);
            svg.text(lx + 14, HEIGHT - 3, s.name(), "start", TEXT);
            lx += 24 + s.name().length() * 6.5;
        }
        return svg;
    }

    /** The centre of slot {@code i} of {@code n}. */
    static double x(int i, int n) {
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, n);
        return LEFT + slot * (i + 0.5);
    }

    static double y(double value, double max) {
        double plot = HEIGHT - BOTTOM - TOP;
        return HEIGHT - BOTTOM - (max <= 0 ? 0 : value / max * plot);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value} (1 for nothing). */
    static double niceMax(double value) {
        if (value <= 0 || Double.isNaN(value)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
