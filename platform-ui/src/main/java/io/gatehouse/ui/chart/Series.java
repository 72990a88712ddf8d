package io.gatehouse.ui.chart;

import java.util.List;

/** One named series of a chart, one value per x position, drawn in {@code color}. */
public record Series(String name, String color, List<Double> values) {
    public Series {
        values = List.copyOf(values);
    }
}
