package io.gatehouse.gateway.log;

import java.io.IOException;
import java.io.Writer;

/** A checked, ready-to-run CSV export: the tenant exists and the filter is valid; rows stream as they are read. */
@FunctionalInterface
public interface LogExport {
    /** Writes the header and every matching row to {@code out}; returns the number of rows written. */
    long writeTo(Writer out) throws IOException;
}
