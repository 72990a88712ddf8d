package io.gatehouse.ui.api;

import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.credential.CredentialView;
import io.gatehouse.auth.credential.IssueRequest;
import io.gatehouse.auth.credential.IssuedCredential;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenant keys (contract section 3). Secrets appear in the create and rotate responses only. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/credentials")
class CredentialController {
    private final CredentialService credentials;

    CredentialController(CredentialService credentials) {
        this.credentials = credentials;
    }

    /** Optional body of a rotate call: how long the old secret keeps working (default 24 h). */
    record RotateRequest(Long graceSeconds) {
    }

    @PostMapping
    ResponseEntity<IssuedCredential> issue(@PathVariable String tenant, @RequestBody IssueRequest body) {
        IssuedCredential issued = credentials.issue(tenant, body);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/credentials/" + issued.id()))
                .header("Cache-Control", "no-store")
                .body(issued);
    }

    @GetMapping
    List<CredentialView> list(@PathVariable String tenant) {
        return credentials.list(tenant);
    }

    @GetMapping("/{id}")
    CredentialView get(@PathVariable String tenant, @PathVariable String id) {
        return credentials.get(tenant, id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable String id) {
        credentials.revoke(tenant, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate")
    ResponseEntity<IssuedCredential> rotate(@PathVariable String tenant, @PathVariable String id,
                                           @RequestBody(required = false) RotateRequest body) {
        Duration grace = body == null || body.graceSeconds() == null ? null : Duration.ofSeconds(body.graceSeconds());
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(credentials.rotate(tenant, id, grace));
    }
}
