package io.gatehouse.ui.user;

import static io.gatehouse.ui.base.SnippetText.JAVA_HTTP_IMPORTS;
import static io.gatehouse.ui.base.SnippetText.JAVA_SEND;
import static io.gatehouse.ui.base.SnippetText.py;
import static io.gatehouse.ui.base.SnippetText.sh;

import io.gatehouse.ui.base.SnippetText;

/** Ready-to-paste admin API calls with a personal API token, in three languages. Pure: same input, same text. */
record TokenSnippets(String curl, String python, String java) {

    /** @param url an admin API URL, e.g. {@code http://localhost:8080/api/v1/tenants} */
    static TokenSnippets of(String token, String url) {
        String header = "Bearer " + token;
        String curl = "curl -H " + sh("Authorization: " + header) + " " + sh(url);
        String python = """
                import requests

                response = requests.get(%s, headers={"Authorization": %s})
                print(response.status_code, response.text)
                """.formatted(py(url), py(header));
        String java = JAVA_HTTP_IMPORTS + """

                HttpRequest request = HttpRequest.newBuilder(URI.create(%s))
                        .header("Authorization", %s)
                        .build();
                """.formatted(SnippetText.java(url), SnippetText.java(header)) + JAVA_SEND;
        return new TokenSnippets(curl, python, java);
    }
}
