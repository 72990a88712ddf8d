package io.gatehouse.ui.user;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.ui.base.Badge;
import io.gatehouse.ui.base.FilterField;
import io.gatehouse.ui.base.Times;
import java.util.List;

/** Users with a filter by name or tenant and per-user Edit, Reset password, Disable/Enable and Delete. */
final class UserList extends VerticalLayout {
    /** What the row buttons do. */
    interface Actions {
        void edit(UserView user);

        void resetPassword(UserView user);

        void toggleEnabled(UserView user);

        void delete(UserView user);
    }

    private final Grid<UserView> grid = new Grid<>(UserView.class, false);
    private final TextField filter = FilterField.of("users-filter", "Filter by name or tenant", this::refilter);
    private final Actions actions;
    private final String me;
    private GridListDataView<UserView> rows;

    UserList(Component newUserButton, String me, Actions actions) {
        this.me = me;
        this.actions = actions;
        setPadding(false);
        HorizontalLayout toolbar = new HorizontalLayout(filter, newUserButton);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        configureGrid();
        add(toolbar, grid);
    }

    private void refilter() {
        if (rows != null) {
            rows.refreshAll();
        }
    }

    void setItems(List<UserView> users) {
        rows = grid.setItems(users);
        rows.setFilter(this::matches);
    }

    private void configureGrid() {
        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(u -> u.username().equals(me) ? u.username() + " (you)" : u.username()).setHeader("Username")
                .setFlexGrow(2).setSortable(true).setComparator(UserView::username);
        grid.addComponentColumn(u -> RoleFields.badge(u.role())).setHeader("Role").setWidth("9rem").setFlexGrow(0)
                .setSortable(true).setComparator(UserView::role);
        grid.addColumn(UserList::tenants).setHeader("Tenants").setFlexGrow(2);
        grid.addComponentColumn(UserList::state).setHeader("State").setWidth("7rem").setFlexGrow(0)
                .setSortable(true).setComparator(UserView::enabled);
        grid.addColumn(u -> Times.utc(u.createdAt())).setHeader("Created").setWidth("8rem").setFlexGrow(0)
                .setSortable(true).setComparator(UserView::createdAt);
        grid.addComponentColumn(this::buttons).setHeader("Actions").setWidth("22rem").setFlexGrow(0);
        grid.setEmptyStateText("No users match. Create one with \"New user\".");
    }

    private static String tenants(UserView user) {
        return user.role() == ConsoleRole.PLATFORM_ADMIN ? "all tenants" : String.join(", ", user.tenants());
    }

    private static Span state(UserView user) {
        Span badge = Badge.of(user.enabled() ? "Enabled" : "Disabled", user.enabled() ? "success" : "error");
        badge.getElement().setAttribute("data-enabled", Boolean.toString(user.enabled()));
        return badge;
    }

    private Component buttons(UserView user) {
        String id = user.username();
        Button edit = button("Edit", "edit-" + id, () -> actions.edit(user));
        Button reset = button("Reset password", "reset-" + id, () -> actions.resetPassword(user));
        Button toggle = button(user.enabled() ? "Disable" : "Enable", "toggle-" + id,
                () -> actions.toggleEnabled(user));
        toggle.setTooltipText(user.enabled() ? "Stop sign-in and API tokens until enabled again"
                : "Let this user sign in again");
        Button delete = button("Delete", "delete-" + id, () -> actions.delete(user));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout buttons = new HorizontalLayout(edit, reset, toggle, delete);
        buttons.setSpacing(false);
        return buttons;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text, e -> action.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private boolean matches(UserView user) {
        String text = FilterField.term(filter);
        return text.isEmpty() || user.username().contains(text)
                || user.tenants().stream().anyMatch(t -> t.contains(text));
    }
}
