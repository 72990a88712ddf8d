package io.gatehouse.ui.log;

import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.ui.chart.Svg;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The attempts of a call as an SVG timeline: one row per attempt, its bar starting at the attempt's offset from the
 * call's start and as long as its latency; labelled with target, duration and outcome, with the retry decision below.
 */
final class AttemptsTimeline {
    static final int WIDTH = 720;
    static final int LEFT = 8;
    static final int RIGHT = 8;
    static final int ROW = 56;
    static final String FAILED = "#d93b3b";
    static final String OK = "#2e9d5b";

    private AttemptsTimeline() {
    }

    static String svg(LogEntry entry) {
        List<Attempt> attempts = entry.attempts();
        Instant start = entry.timestamp();
        for (Attempt a : attempts) {
            if (a.startedAt() != null && (start == null || a.startedAt().isBefore(start))) {
                start = a.startedAt();
            }
        }
        long span = Math.max(1, entry.latencyMs());
        for (Attempt a : attempts) {
            span = Math.max(span, offset(start, a) + a.latencyMs());
        }
        int height = Math.max(1, attempts.size()) * ROW + 22;
        Svg svg = new Svg(WIDTH, height, "Attempts timeline: " + attempts.size() + " attempt(s) over " + span + " ms");
        double plot = WIDTH - LEFT - RIGHT;
        svg.line(LEFT, height - 18, WIDTH - RIGHT, height - 18, "#8a8f98");
        svg.text(LEFT, height - 4, "0 ms", "start", "#4a4f57");
        svg.text(WIDTH - RIGHT, height - 4, span + " ms", "end", "#4a4f57");
        if (attempts.isEmpty()) {
            svg.text(WIDTH / 2.0, 24, "no upstream was contacted", "middle", "#8a8f98");
        }
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            double y = i * ROW;
            double x = LEFT + plot * offset(start, a) / span;
            double w = Math.max(3, plot * a.latencyMs() / span);
            boolean failed = a.errorCode() != null || a.status() >= 500 || a.status() == 0;
            String label = "#" + (i + 1) + "  " + (a.target() == null ? a.provider() + " (no target)" : a.target())
                    + "  \u00b7  " + a.latencyMs() + " ms  \u00b7  " + outcome(a);
            svg.element("text", label, "x", LEFT, "y", y + 13, "fill", "#1a1d21", "font-weight", 600);
            svg.rect(Math.min(x, WIDTH - RIGHT - w), y + 18, w, 14, failed ? FAILED : OK,
                    label + " - started at +" + offset(start, a) + " ms");
            if (a.decision() != null) {
                svg.element("text", a.decision(), "x", LEFT, "y", y + 46, "fill", "#4a4f57");
            }
        }
        return svg.build();
    }

    static String outcome(Attempt a) {
        if (a.errorCode() != null) {
            return a.errorCode();
        }
        return a.status() == 0 ? "no response" : "HTTP " + a.status();
    }

    private static long offset(Instant start, Attempt a) {
        if (start == null || a.startedAt() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(start, a.startedAt()).toMillis());
    }
}
