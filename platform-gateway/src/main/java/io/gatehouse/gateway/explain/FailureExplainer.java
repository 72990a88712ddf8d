package io.gatehouse.gateway.explain;

import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains a gateway-made error (one with an error code, contract section 4) from what the request log holds: the
 * code, the attempts (target, latency, decision) and, when known, the route and provider settings. Pure: the same
 * input always gives the same words. Calls an upstream answered ({@code errorCode} null) need no explanation.
 */
public final class FailureExplainer {
    private FailureExplainer() {
    }

    public static Optional<Explanation> explain(LogEntry entry, CallSettings settings) {
        return explain(entry.errorCode(), entry.status(), entry.attempts(), settings);
    }

    public static Optional<Explanation> explain(String errorCode, int status, List<Attempt> attempts,
                                                CallSettings settings) {
        if (errorCode == null || errorCode.isBlank()) {
            return Optional.empty();
        }
        Facts f = Facts.of(errorCode, attempts, settings == null ? CallSettings.UNKNOWN : settings);
        if (f.decision().contains(Attempt.BODY_CUT_SHORT)) {
            return Optional.of(UpstreamExplanations.bodyCutShort(f));
        }
        return Optional.of(switch (errorCode) {
            case "upstream_connect_failed" -> ConnectFailures.explain(f);
            case "upstream_timeout" -> UpstreamExplanations.timeout(f);
            case "upstream_reset" -> UpstreamExplanations.reset(f);
            case "upstream_invalid_response" -> UpstreamExplanations.invalidResponse(f);
            case "upstream_blocked" -> UpstreamExplanations.blocked(f);
            case "no_healthy_upstream" -> UpstreamExplanations.noHealthyUpstream(f);
            case "circuit_open" -> UpstreamExplanations.circuitOpen(f);
            default -> CallerExplanations.explain(errorCode, status);
        });
    }

    /** What the log tells about the failed attempts, in the shape the wording needs. */
    record Facts(String code, List<Attempt> attempts, Attempt last, String target, CallSettings settings) {
        static Facts of(String code, List<Attempt> attempts, CallSettings settings) {
            List<Attempt> all = attempts == null ? List.of() : attempts;
            Attempt last = null;
            for (Attempt a : all) {
                if (code.equals(a.errorCode())) {
                    last = a;
                }
            }
            if (last == null && !all.isEmpty()) {
                last = all.get(all.size() - 1);
            }
            String target = last == null || last.target() == null ? null : last.target();
            return new Facts(code, all, last, target, settings);
        }

        String where() {
            return target == null ? "the upstream" : target;
        }

        long failedCount() {
            return attempts.stream().filter(a -> code.equals(a.errorCode())).count();
        }

        String tries() {
            long n = failedCount();
            return n <= 1 ? "" : " All " + n + " attempts failed this way.";
        }

        long latency() {
            return last == null ? 0 : last.latencyMs();
        }

        String decision() {
            return last == null || last.decision() == null ? "" : last.decision();
        }

        boolean retriesOn(String condition) {
            return settings.retryOn() != null && settings.retryOn().contains(condition);
        }

        boolean https() {
            return target != null && target.startsWith("https:");
        }

        static String ms(Integer value) {
            return value == null ? "its configured" : value + " ms";
        }
    }

    static List<String> list(String... items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }
}
