package io.gatehouse.gateway.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** A route as stored, every field resolved. */
public record RouteView(String name, String pathPrefix, List<String> methods, String provider,
                        List<String> fallbackProviders, boolean stripPrefix,
                        @JsonProperty("public") boolean publicAccess, List<String> auth, int timeoutMs,
                        RetrySpec retry, boolean requireExp, FaultSpec faults, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
}
