package io.gatehouse.ui.base;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.function.SerializableBiFunction;
import com.vaadin.flow.function.SerializableFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * "Load more" paging of a grid over keyset pages, newest first: the rows shown so far, the cursor of the next page,
 * the button that appends it and a one-line summary. The page places {@link #button()} and {@link #summary()}.
 *
 * @param <F> the filter, which carries the cursor
 * @param <R> a row
 */
public final class LoadMore<F, R> implements Serializable {
    /** One page: its rows and the cursor of the next page (null on the last). */
    public record Page<R>(List<R> items, String nextCursor) {
    }

    private final Grid<R> grid;
    private final SerializableFunction<F, Page<R>> source;
    private final SerializableBiFunction<F, String, F> withCursor;
    private final String one;
    private final String many;
    private final List<R> shown = new ArrayList<>();
    private final Button button = new Button("Load more");
    private final Span summary = new Span();
    private volatile F current;
    private String nextCursor;

    /**
     * @param source     the page a filter selects
     * @param withCursor the same filter for the page after a cursor
     * @param one        the word for one row ("call"); {@code many} for more ("calls")
     */
    public LoadMore(Grid<R> grid, SerializableFunction<F, Page<R>> source,
                    SerializableBiFunction<F, String, F> withCursor, String one, String many) {
        this.grid = grid;
        this.source = source;
        this.withCursor = withCursor;
        this.one = one;
        this.many = many;
        grid.setItems(shown);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClickListener(e -> loadMore());
    }

    public Button button() {
        return button;
    }

    public Span summary() {
        return summary;
    }

    /** The filter of the rows shown (null until one was loaded). */
    public F current() {
        return current;
    }

    /** Shows the newest page of {@code filter} instead of the rows shown; nothing changes for a null filter. */
    public void reload(F filter) {
        if (filter == null) {
            return;
        }
        current = filter;
        shown.clear();
        nextCursor = null;
        fetch(filter);
    }

    private void loadMore() {
        if (current != null && nextCursor != null) {
            fetch(withCursor.apply(current, nextCursor));
        }
    }

    private void fetch(F filter) {
        Page<R> page = source.apply(filter);
        shown.addAll(page.items());
        nextCursor = page.nextCursor();
        grid.getDataProvider().refreshAll();
        button.setVisible(nextCursor != null);
        summary.setText(shown.isEmpty() ? "No " + many + " match."
                : nextCursor != null ? shown.size() + "+ " + many + ", newest first"
                : shown.size() == 1 ? "1 " + one : shown.size() + " " + many);
    }
}
