package io.gatehouse.ui.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenSnippetsTest {
    private static final String TOKEN = "gat_0123456789abcdef_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
    private static final String URL = "http://console.example:8080/api/v1/tenants";

    @Test
    void curlSendsTheTokenAsABearerHeader() {
        assertThat(TokenSnippets.of(TOKEN, URL).curl())
                .isEqualTo("curl -H \"Authorization: Bearer " + TOKEN + "\" \"" + URL + "\"");
    }

    @Test
    void pythonUsesRequestsWithTheAuthorizationHeader() {
        assertThat(TokenSnippets.of(TOKEN, URL).python()).startsWith("import requests\n")
                .contains("requests.get(\"" + URL + "\", headers={\"Authorization\": \"Bearer " + TOKEN + "\"})")
                .contains("print(response.status_code, response.text)");
    }

    @Test
    void javaUsesTheJdkHttpClient() {
        assertThat(TokenSnippets.of(TOKEN, URL).java()).contains("import java.net.http.HttpClient;")
                .contains("HttpRequest.newBuilder(URI.create(\"" + URL + "\"))")
                .contains(".header(\"Authorization\", \"Bearer " + TOKEN + "\")")
                .contains("HttpClient.newHttpClient()");
    }

    @Test
    void theSameInputGivesTheSameText() {
        assertThat(TokenSnippets.of(TOKEN, URL)).isEqualTo(TokenSnippets.of(TOKEN, URL));
    }
}
