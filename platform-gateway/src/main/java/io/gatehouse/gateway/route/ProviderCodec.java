package io.gatehouse.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.auth.secret.SecretCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text for a provider's targets and its injected headers; header values are encrypted one by one. */
final class ProviderCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TargetSpec>> TARGETS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() { };

    private ProviderCodec() {
    }

    static String targetsJson(List<TargetSpec> targets) {
        return write(targets.stream().map(t -> new TargetSpec(t.url().strip(), t.weight())).toList());
    }

    static List<TargetSpec> targets(Provider provider) {
        return read(provider.getTargetsJson(), TARGETS);
    }

    /** JSON for an optional value (mock answer, health check, faults); null stays null. */
    static String optionalJson(Object value) {
        return value == null ? null : write(value);
    }

    static <T> T optional(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON");
        }
    }

    static String encryptedHeadersJson(Map<String, String> headers, SecretCipher cipher) {
        Map<String, String> sealed = new LinkedHashMap<>();
        headers.forEach((name, value) -> sealed.put(name, cipher.encrypt(value)));
        return write(sealed);
    }

    static List<String> headerNames(Provider provider) {
        return List.copyOf(read(provider.getEncryptedHeadersJson(), HEADERS).keySet());
    }

    static Map<String, String> decryptedHeaders(Provider provider, SecretCipher cipher) {
        Map<String, String> plain = new LinkedHashMap<>();
        read(provider.getEncryptedHeadersJson(), HEADERS).forEach((name, value) -> plain.put(name, cipher.decrypt(value)));
        return plain;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode provider data", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored provider data is not valid JSON");
        }
    }
}
