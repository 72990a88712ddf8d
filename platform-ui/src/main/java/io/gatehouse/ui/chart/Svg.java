package io.gatehouse.ui.chart;

import java.util.Locale;

/** Builds SVG markup; every attribute value and text is escaped, so data never becomes markup. */
public final class Svg {
    private final StringBuilder out = new StringBuilder();

    public Svg(int width, int height, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" style=\"max-width:").append(width)
                .append("px;font-family:var(--lumo-font-family,sans-serif);font-size:11px\"")
                .append(" aria-label=\"").append(escape(label)).append("\">");
        out.append("<title>").append(escape(label)).append("</title>");
    }

    /** An element with attributes given as name, value pairs; text may be null. */
    public Svg element(String name, String text, Object... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(format(attributes[i + 1]))).append('"');
        }
        if (text == null) {
            out.append("/>");
        } else {
            out.append('>').append(escape(text)).append("</").append(name).append('>');
        }
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        out.append("<rect x=\"").append(format(x)).append("\" y=\"").append(format(y)).append("\" width=\"")
                .append(format(Math.max(0, w))).append("\" height=\"").append(format(Math.max(0, h)))
                .append("\" fill=\"").append(escape(fill)).append('"');
        if (tooltip == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(escape(tooltip)).append("</title></rect>");
        }
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke) {
        return element("line", null, "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke, "stroke-width", 1);
    }

    public Svg text(double x, double y, String text, String anchor, String fill) {
        return element("text", text, "x", x, "y", y, "text-anchor", anchor, "fill", fill);
    }

    public Svg polyline(double[] xs, double[] ys, String stroke) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(i == 0 ? "" : " ").append(format(xs[i])).append(',').append(format(ys[i]));
        }
        return element("polyline", null, "points", points, "fill", "none", "stroke", stroke, "stroke-width", 2,
                "stroke-linejoin", "round");
    }

    public String build() {
        return out + "</svg>";
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
