package io.gatehouse.ui.base;

/** Building blocks of ready-to-run examples: quoting for shell, Python and Java, and the Java HTTP client calls. */
public final class SnippetText {
    public static final String JAVA_HTTP_IMPORTS = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.nio.charset.StandardCharsets;
            """;

    /** Sends {@code request} and prints the answer. */
    public static final String JAVA_SEND = """
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode() + " " + response.body());
            """;

    private SnippetText() {
    }

    /** A double-quoted shell word; generated keys and URLs need no escaping, anything else gets it. */
    public static String sh(String value) {
        return "\"" + value.replaceAll("([\"\\\\$`])", "\\\\$1") + "\"";
    }

    /** A single-quoted shell word, for programs that contain double quotes themselves. */
    public static String sq(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public static String py(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String java(String value) {
        return py(value);
    }
}
