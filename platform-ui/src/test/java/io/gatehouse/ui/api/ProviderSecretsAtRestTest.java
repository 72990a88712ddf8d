package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.GatewayClient;
import io.gatehouse.gateway.RecordingUpstream;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** An upstream API key given to a provider is stored encrypted and never written to the log, even at debug level. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ProviderSecretsAtRestTest {
    private static final String SECRET = "sk-live-SECRET-123";
    private static final List<String> CHATTY_LOGGERS = List.of("io.gatehouse", "org.springframework.web",
            "org.springframework.orm.jpa", "org.hibernate.SQL", "org.hibernate.orm.jdbc.bind");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoggingSystem logging;

    @Autowired
    GatewayServer gatewayServer;

    @LocalServerPort
    int consolePort;

    @BeforeEach
    void logEverythingWeCan() {
        CHATTY_LOGGERS.forEach(name -> logging.setLogLevel(name,
                name.startsWith("org.hibernate.orm.jdbc") ? LogLevel.TRACE : LogLevel.DEBUG));
    }

    @AfterEach
    void restoreLogLevels() {
        CHATTY_LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void theHeaderValueIsNeitherInTheDatabaseNorInTheLog(CapturedOutput output) {
        AdminApi api = new AdminApi(consolePort);
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            String tenant = api.createTenant("sec");
            String providerJson = "{\"name\":\"openai\",\"targets\":[{\"url\":\"" + upstream.url("") + "\"}],"
                    + "\"headers\":{\"Authorization\":\"Bearer " + SECRET + "\",\"X-Api-Key\":\"" + SECRET + "\"}}";
            api.createProvider(tenant, providerJson);
            AdminApi.expect(api.put("/tenants/" + tenant + "/providers/openai", providerJson), 200);
            api.get("/tenants/" + tenant + "/providers");
            api.post("/tenants/" + tenant + "/providers", providerJson.replace("\"openai\"", "\"bad name\""));
            api.createPublicRoute(tenant, "chat", "/chat", "openai");
            GatewayClient gateway = new GatewayClient(gatewayServer.port());
            assertThat(gateway.get("/" + tenant + "/chat/completions").statusCode()).isEqualTo(200);
            assertThat(upstream.next().header("X-Api-Key")).isEqualTo(SECRET);

            List<Map<String, Object>> rows = jdbc.queryForList("SELECT p.headers_json FROM provider p"
                    + " JOIN tenant t ON t.id = p.tenant_id WHERE t.slug = ?", tenant);
            assertThat(rows).hasSize(1);
            String stored = (String) rows.get(0).get("headers_json");
            assertThat(stored).contains("X-Api-Key").contains("Authorization").doesNotContain(SECRET);
            assertThat(stored).contains("v1:");
        }

        assertThat(output.getAll()).as("the captured log must show the calls were logged at all")
                .contains("/providers");
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void noProviderRowAnywhereHoldsTheValueInPlainText() {
        AdminApi api = new AdminApi(consolePort);
        String tenant = api.createTenant("sec2");
        api.createProvider(tenant, "{\"name\":\"p\",\"targets\":[{\"url\":\"http://127.0.0.1:9\"}],"
                + "\"headers\":{\"X-Api-Key\":\"" + SECRET + "\"}}");

        Integer plain = jdbc.queryForObject("SELECT COUNT(*) FROM provider WHERE headers_json LIKE ?", Integer.class,
                "%" + SECRET + "%");

        assertThat(plain).isZero();
    }
}
