package io.gatehouse.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.auth.audit.AuditRecord;
import io.gatehouse.ui.base.ClientTime;
import java.time.ZoneId;

/** One audit entry in full: who, when, from where, what was changed and the whole detail text. */
class AuditDetailDialog extends Dialog {

    AuditDetailDialog(AuditRecord r, ZoneId zone) {
        setId("audit-detail");
        setHeaderTitle(r.action() + (r.objectId() == null ? "" : " " + r.objectId()));
        setWidth("min(800px, 95vw)");
        setDraggable(true);
        setResizable(true);

        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        facts.addFormItem(new Span(ClientTime.format(r.occurredAt(), zone)), "Time");
        facts.addFormItem(new Span(r.actor()), "Actor");
        facts.addFormItem(new Span(r.actorIp() == null ? "\u2014 (no request)" : r.actorIp()), "IP");
        facts.addFormItem(new Code(r.action()), "Action");
        facts.addFormItem(new Span(r.tenant() == null ? "\u2014 (platform)" : r.tenant()), "Tenant");
        facts.addFormItem(new Span(r.objectType() + (r.objectId() == null ? "" : " " + r.objectId())), "Object");
        facts.addFormItem(new Span(Long.toString(r.id())), "Entry id");

        Pre detail = new Pre(r.detail() == null ? "(no detail)" : r.detail());
        detail.setId("audit-detail-text");
        detail.getStyle().set("white-space", "pre-wrap").set("word-break", "break-word").set("margin", "0");
        VerticalLayout body = new VerticalLayout(facts, detail);
        body.setPadding(false);
        body.setId("audit-detail-body");
        add(body);
        Button close = new Button("Close", e -> close());
        close.setId("audit-detail-close");
        getFooter().add(close);
    }
}
