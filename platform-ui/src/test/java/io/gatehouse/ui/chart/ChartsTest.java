package io.gatehouse.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineChartIsWellFormedSvgWithAxesLabelsALegendAndOneLinePerSeries() throws Exception {
        String svg = Charts.lines("Latency (ms)", List.of("10:00", "10:01", "10:02"), List.of(
                new Series("p50", "#0a0", List.of(10.0, 20.0, 15.0)),
                new Series("p99", "#a00", List.of(40.0, 80.0, 60.0))), "");

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 640 220");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg).contains(">10:00<", ">p50<", ">p99<", ">Latency (ms)<", ">100<");
    }

    @Test
    void theYAxisScalesToARoundMaximumSoTheHighestPointIsInsideThePlot() throws Exception {
        assertThat(Charts.niceMax(80)).isEqualTo(100);
        assertThat(Charts.niceMax(101)).isEqualTo(200);
        assertThat(Charts.niceMax(0.3)).isEqualTo(0.5);
        assertThat(Charts.niceMax(0)).isEqualTo(1);
        assertThat(Charts.y(0, 100)).isEqualTo(Charts.HEIGHT - Charts.BOTTOM);
        assertThat(Charts.y(100, 100)).isEqualTo(Charts.TOP);
    }

    @Test
    void stackedBarsStackPerSlotAndTheTallestStackReachesItsShareOfThePlot() throws Exception {
        String svg = Charts.stackedBars("Responses", List.of("a", "b"), List.of(
                new Series("ok", "#0a0", List.of(30.0, 0.0)),
                new Series("5xx", "#a00", List.of(20.0, 5.0))), "");

        NodeList rects = parse(svg).getElementsByTagName("rect");
        // 2 legend swatches (drawn with the frame) + 3 non-zero bars
        assertThat(rects.getLength()).isEqualTo(5);
        Element ok = (Element) rects.item(2);
        Element error = (Element) rects.item(3);
        double plotBottom = Charts.HEIGHT - Charts.BOTTOM;
        assertThat(Double.parseDouble(ok.getAttribute("y")) + Double.parseDouble(ok.getAttribute("height")))
                .isCloseTo(plotBottom, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(error.getAttribute("y")) + Double.parseDouble(error.getAttribute("height")))
                .isCloseTo(Double.parseDouble(ok.getAttribute("y")), org.assertj.core.data.Offset.offset(0.01));
        // total 50 on a 0..50 axis fills the plot
        assertThat(Double.parseDouble(error.getAttribute("y"))).isCloseTo(Charts.TOP, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void textAndAttributesAreEscapedSoDataNeverBecomesMarkup() throws Exception {
        String svg = Charts.lines("<script>alert(1)</script>", List.of("a&b"),
                List.of(new Series("\"x\" <y>", "red\"/><script>", List.of(1.0))), "");

        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg).contains("&lt;script&gt;", "a&amp;b");
    }

    @Test
    void anEmptyPeriodStillDrawsAxesAndSaysSo() throws Exception {
        String svg = Charts.lines("Requests", List.of(), List.of(new Series("n", "#00f", List.of())), "");

        parse(svg);
        assertThat(svg).contains("no data in this period");
    }
}
