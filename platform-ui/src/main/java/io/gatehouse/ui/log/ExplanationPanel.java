package io.gatehouse.ui.log;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import io.gatehouse.gateway.explain.Explanation;
import java.util.List;

/** The "Explanation" of a gateway-made error: phase, what happened, likely causes, next steps. */
class ExplanationPanel extends Div {
    ExplanationPanel(Explanation x) {
        setId("log-explanation");
        setWidthFull();
        getStyle().set("border-left", "4px solid var(--lumo-error-color)").set("padding", "0 var(--lumo-space-m)")
                .set("background", "var(--lumo-error-color-10pct)").set("border-radius", "var(--lumo-border-radius-m)");
        H4 heading = new H4("Explanation");
        Span phase = new Span("Failed in the " + x.phase() + " phase");
        phase.setId("log-explanation-phase");
        phase.getStyle().set("font-weight", "600");
        Paragraph what = new Paragraph(x.whatHappened());
        add(heading, phase, what, new Span("Likely causes"), list(x.likelyCauses()), new Span("What to do"),
                list(x.nextSteps()));
    }

    private static UnorderedList list(List<String> items) {
        UnorderedList list = new UnorderedList();
        items.forEach(i -> list.add(new ListItem(i)));
        return list;
    }
}
