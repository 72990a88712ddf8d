package io.gatehouse.ui.dashboard;

import io.gatehouse.gateway.log.TrafficStats;
import io.gatehouse.ui.chart.Charts;
import io.gatehouse.ui.chart.Series;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Turns {@link TrafficStats} into the dashboard's SVG charts. */
final class DashboardCharts {
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private DashboardCharts() {
    }

    static String requestsPerMinute(TrafficStats s, ZoneId zone) {
        double perMinute = s.bucketSeconds() / 60.0;
        return Charts.lines("Requests per minute", labels(s, zone),
                List.of(series("requests/min", "#1676f3", s, b -> b.requests() / perMinute)), "");
    }

    static String statusClasses(TrafficStats s, ZoneId zone) {
        return Charts.stackedBars("Responses by status class", labels(s, zone), List.of(
                series("1xx-3xx", "#2e9d5b", s, TrafficStats.Bucket::ok),
                series("4xx", "#e0a100", s, TrafficStats.Bucket::clientErrors),
                series("5xx", "#d93b3b", s, TrafficStats.Bucket::serverErrors)), "");
    }

    static String latency(TrafficStats s, ZoneId zone) {
        return Charts.lines("Latency (ms)", labels(s, zone), List.of(
                series("p50", "#2e9d5b", s, TrafficStats.Bucket::p50Ms),
                series("p95", "#e0a100", s, TrafficStats.Bucket::p95Ms),
                series("p99", "#d93b3b", s, TrafficStats.Bucket::p99Ms)), "");
    }

    private static List<String> labels(TrafficStats s, ZoneId zone) {
        return s.buckets().stream().map(b -> HOUR_MINUTE.format(b.start().atZone(zone))).toList();
    }

    private static Series series(String name, String color, TrafficStats s, ToDoubleFunction<TrafficStats.Bucket> f) {
        return new Series(name, color, s.buckets().stream().map(b -> f.applyAsDouble(b)).toList());
    }
}
