package io.gatehouse.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the contract's gateway error body: {@code {"error":{status, code, message, requestId, route, attempts}}}. */
final class ErrorResponder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponder() {
    }

    static void send(CallerResponse response, GatewayError error, CallTrace trace) {
        trace.errorCode = error.code();
        String requestId = trace.requestId;
        String route = trace.route;
        int attempts = trace.attempts.size();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", error.status());
        body.put("code", error.code());
        body.put("message", error.message());
        body.put("requestId", requestId);
        if (route != null) {
            body.put("route", route);
        }
        body.put("attempts", attempts);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(Map.of("error", body));
        } catch (JsonProcessingException e) {
            bytes = ("{\"error\":{\"status\":" + error.status() + ",\"code\":\"" + error.code() + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.status(HttpResponseStatus.valueOf(error.status()))
                .header("Content-Type", "application/json")
                .header("Content-Length", Integer.toString(bytes.length))
                .header("Cache-Control", "no-store");
        response.sendBytes(bytes);
    }
}
