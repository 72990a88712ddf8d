package io.gatehouse.common;

/**
 * Cells of the CSV exports (RFC 4180). Text that a spreadsheet would read as a formula (starting with
 * {@code = + - @}, tab or CR) gets a leading apostrophe; a cell holding a comma, quote or line break is quoted.
 */
public final class CsvCells {
    /** Ends every CSV line, the header included. */
    public static final String LINE_END = "\r\n";

    private CsvCells() {
    }

    /** One text cell: formula-guarded, then quoted when needed; empty for null. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String guarded = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        boolean quote = false;
        for (int i = 0; i < guarded.length() && !quote; i++) {
            char c = guarded.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
    }
}
