package io.gatehouse.gateway.log;

import java.util.List;

/** One page of the request log, newest first; {@code nextCursor} is null on the last page. */
public record LogPage(List<LogEntry> items, String nextCursor) {
    public LogPage {
        items = List.copyOf(items);
    }
}
