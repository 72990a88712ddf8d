/**
 * Server-side rendered SVG charts for the console (no JavaScript charting library, no npm step): a tiny escaping
 * {@link io.gatehouse.ui.chart.Svg} builder, line and stacked-bar charts with axes and a legend, and
 * {@link io.gatehouse.ui.chart.SvgView} to show the markup in a view.
 */
package io.gatehouse.ui.chart;
