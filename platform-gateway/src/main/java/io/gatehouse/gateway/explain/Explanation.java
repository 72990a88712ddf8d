package io.gatehouse.gateway.explain;

import java.util.List;

/**
 * A failed call in plain words.
 *
 * @param code         the contract error code explained
 * @param phase        where the call failed: "DNS", "connect", "TLS", "waiting for response head", "reading response
 *                     head", "routing", "authentication", ... ("connect (DNS, TCP or TLS)" when the log cannot tell)
 * @param whatHappened one or two sentences, naming the target and timings when known
 * @param likelyCauses most likely first
 * @param nextSteps    concrete actions, naming the setting to change ({@code connectTimeoutMs}, {@code retry.retryOn}..)
 */
public record Explanation(String code, String phase, String whatHappened, List<String> likelyCauses,
                          List<String> nextSteps) {
    public Explanation {
        likelyCauses = List.copyOf(likelyCauses);
        nextSteps = List.copyOf(nextSteps);
    }
}
