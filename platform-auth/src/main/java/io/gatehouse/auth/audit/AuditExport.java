package io.gatehouse.auth.audit;

import java.io.IOException;
import java.io.Writer;

/** A checked, ready-to-run CSV export of the audit trail: the filter is valid; rows stream as they are read. */
@FunctionalInterface
public interface AuditExport {
    /** Writes the header and every matching entry to {@code out}; returns the number of entries written. */
    long writeTo(Writer out) throws IOException;
}
