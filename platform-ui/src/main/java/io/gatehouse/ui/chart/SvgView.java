package io.gatehouse.ui.chart;

import com.vaadin.flow.component.html.Div;

/** Shows SVG markup made by {@link Svg} (already escaped) as a real {@code <svg>} element in the page. */
public class SvgView extends Div {
    public SvgView(String svg) {
        setSvg(svg);
        setWidthFull();
    }

    public void setSvg(String svg) {
        getElement().setProperty("innerHTML", svg);
    }
}
