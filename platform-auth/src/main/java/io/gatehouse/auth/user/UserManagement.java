package io.gatehouse.auth.user;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing console users. Platform admins manage everyone. A tenant admin manages the tenant-role users of its
 * tenants: it sees only users sharing a tenant with it, sees and changes only memberships in its own tenants, and
 * cannot create or promote platform admins. A user's role, password and enabled flag apply in all its tenants, so
 * for a user who also belongs to a tenant the tenant admin does not manage, it may change only the memberships in
 * its own tenants (not the role, not enabled, no password reset, no delete). Viewers see only themselves. The last
 * enabled platform admin can be neither demoted, disabled nor deleted.
 */
@Service
public class UserManagement {
    private static final String PICK_A_TENANT = "pick at least one tenant for a tenant role";
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{1,99}$");

    private final ConsoleUserRepository users;
    private final PasswordEncoder encoder;
    private final AccessControl access;
    private final TenantService tenants;
    private final AuditTrail audit;

    UserManagement(ConsoleUserRepository users, PasswordEncoder encoder, AccessControl access, TenantService tenants,
                   AuditTrail audit) {
        this.users = users;
        this.encoder = encoder;
        this.access = access;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<UserView> list() {
        Caller caller = access.caller();
        Map<Long, String> slugs = tenants.slugsById();
        return users.findAllByOrderByUsernameAsc().stream().filter(u -> visible(caller, u))
                .map(u -> view(caller, u, slugs)).toList();
    }

    @Transactional(readOnly = true)
    public UserView get(String username) {
        Caller caller = access.caller();
        return view(caller, findVisible(caller, username), tenants.slugsById());
    }

    @Transactional
    public CreatedUser create(NewUser request) {
        access.rereadCallerForRestOfRequest(); // the change may concern the caller itself
        Caller caller = requireUserAdmin();
        List<FieldProblem> problems = new ArrayList<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            problems.add(new FieldProblem("username",
                    "2-100 characters: lower-case letters, digits and . _ @ -, starting with a letter or digit"));
        }
        if (request.role() == null) {
            problems.add(new FieldProblem("role", "pick PLATFORM_ADMIN, TENANT_ADMIN or TENANT_VIEWER"));
        }
        boolean generate = request.password() == null || request.password().isEmpty();
        if (!generate) {
            String weak = PasswordRules.problem(request.username(), request.password());
            if (weak != null) {
                problems.add(new FieldProblem("password", weak));
            }
        }
        Set<Long> tenantIds = request.role() == null ? Set.of()
                : memberships(caller, request.role(), request.tenants(), problems);
        if (request.role() != null && request.role() != ConsoleRole.PLATFORM_ADMIN && request.tenants().isEmpty()) {
            problems.add(new FieldProblem("tenants", PICK_A_TENANT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireMayGrant(caller, request.role());
        if (users.findByUsername(request.username()).isPresent()) {
            throw new ConflictException("username", "a user '" + request.username() + "' already exists");
        }
        String password = generate ? GeneratedPasswords.next() : request.password();
        ConsoleUser user = new ConsoleUser(request.username(), encoder.encode(password), request.role());
        user.replaceTenants(tenantIds);
        users.saveAndFlush(user);
        UserView view = view(caller, user, tenants.slugsById());
        audit.record("user.create", singleTenant(view), "user", user.getUsername(), describe(view));
        return new CreatedUser(view, generate ? password : null);
    }

    @Transactional
    public UserView update(String username, UserChange change) {
        access.rereadCallerForRestOfRequest(); // the change may concern the caller itself
        Caller caller = requireUserAdmin();
        ConsoleUser user = findVisible(caller, username);
        requireManageable(caller, user, "change");
        Map<Long, String> slugs = tenants.slugsById();
        UserView before = view(caller, user, slugs);
        ConsoleRole role = change.role() == null ? user.getRole() : change.role();
        boolean enabled = change.enabled() == null ? user.isEnabled() : change.enabled();
        // Before the self check: the only platform admin who tries to step down learns why it cannot.
        keepOnePlatformAdmin(user, role, enabled);
        if (user.getUsername().equals(caller.username()) && (role != user.getRole() || !enabled)) {
            throw new ForbiddenException("you cannot change your own role or disable yourself");
        }
        if (role != user.getRole() || enabled != user.isEnabled()) {
            requireAllTenantsManaged(caller, user, "only its memberships in your tenants can be changed here; ask a "
                    + "platform admin to change its role or to enable or disable it");
        }
        requireMayGrant(caller, role);
        List<FieldProblem> problems = new ArrayList<>();
        Set<Long> tenantIds = mergedMemberships(caller, user, role, change.tenants(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        user.changeRole(role);
        user.setEnabled(enabled);
        user.replaceTenants(tenantIds);
        users.flush();
        UserView after = view(caller, user, slugs);
        audit.record("user.update", singleTenant(after), "user", username,
                "before: " + describe(before) + "; after: " + describe(after));
        return after;
    }

    /** A new random password for another user, shown once to the caller. */
    @Transactional
    public String resetPassword(String username) {
        Caller caller = requireUserAdmin();
        ConsoleUser user = findVisible(caller, username);
        requireManageable(caller, user, "reset the password of");
        if (user.getUsername().equals(caller.username())) {
            throw new ForbiddenException("change your own password with your current one instead");
        }
        requireAllTenantsManaged(caller, user, "ask a platform admin to reset its password");
        String password = GeneratedPasswords.next();
        user.changePassword(encoder.encode(password));
        users.flush();
        audit.record("user.password-reset", singleTenant(view(caller, user, tenants.slugsById())), "user",
                username, "password reset; the new one was shown once to " + caller.username());
        return password;
    }

    @Transactional
    public void delete(String username) {
        access.rereadCallerForRestOfRequest(); // the change may concern the caller itself
        Caller caller = requireUserAdmin();
        ConsoleUser user = findVisible(caller, username);
        requireManageable(caller, user, "delete");
        keepOnePlatformAdmin(user, null, false);
        if (user.getUsername().equals(caller.username())) {
            throw new ForbiddenException("you cannot delete yourself");
        }
        requireAllTenantsManaged(caller, user, "remove it from your tenants instead");
        UserView before = view(caller, user, tenants.slugsById());
        users.delete(user);
        users.flush();
        audit.record("user.delete", singleTenant(before), "user", username, describe(before));
    }

    /** The signed-in user changes its own password, proving it knows the current one. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Caller caller = access.caller();
        if (caller.isSystem()) {
            throw new ForbiddenException("sign in first");
        }
        ConsoleUser user = users.findByUsername(caller.username()).orElseThrow(() -> new NotFoundException("no user"));
        if (currentPassword == null || !encoder.matches(currentPassword, user.getPasswordHash())) {
            throw new InvalidInputException("currentPassword", "this is not your current password");
        }
        String weak = PasswordRules.problem(user.getUsername(), newPassword);
        if (weak != null) {
            throw new InvalidInputException("newPassword", weak);
        }
        if (encoder.matches(newPassword, user.getPasswordHash())) {
            throw new InvalidInputException("newPassword", "choose a password different from the current one");
        }
        user.changePassword(encoder.encode(newPassword));
        users.flush();
        audit.record("user.password-change", null, "user", user.getUsername(), "changed own password");
    }

    private Caller requireUserAdmin() {
        Caller caller = access.caller();
        if (caller.role() == ConsoleRole.TENANT_VIEWER) {
            throw new ForbiddenException("your role TENANT_VIEWER cannot manage users");
        }
        return caller;
    }

    private static void requireMayGrant(Caller caller, ConsoleRole role) {
        if (role == ConsoleRole.PLATFORM_ADMIN && !caller.isPlatformAdmin()) {
            throw new ForbiddenException("only platform admins may make platform admins");
        }
    }

    private static void requireManageable(Caller caller, ConsoleUser user, String verb) {
        if (!caller.isPlatformAdmin() && user.getRole() == ConsoleRole.PLATFORM_ADMIN) {
            throw new ForbiddenException("only platform admins may " + verb + " a platform admin");
        }
    }

    /**
     * A user's role, password and enabled flag hold in every tenant it belongs to: a tenant admin may change them
     * only when it manages all of those tenants.
     */
    private static void requireAllTenantsManaged(Caller caller, ConsoleUser user, String instead) {
        if (!user.getTenantIds().stream().allMatch(caller::canManage)) {
            throw new ForbiddenException("'" + user.getUsername() + "' also belongs to tenants you do not manage; "
                    + instead);
        }
    }

    private void keepOnePlatformAdmin(ConsoleUser user, ConsoleRole newRole, boolean stillEnabled) {
        boolean wasActiveAdmin = user.getRole() == ConsoleRole.PLATFORM_ADMIN && user.isEnabled();
        boolean staysActiveAdmin = newRole == ConsoleRole.PLATFORM_ADMIN && stillEnabled;
        if (wasActiveAdmin && !staysActiveAdmin && users.countByRoleAndEnabledTrue(ConsoleRole.PLATFORM_ADMIN) <= 1) {
            throw new ConflictException(null, "'" + user.getUsername()
                    + "' is the last enabled platform admin; make another platform admin first");
        }
    }

    /** Tenant ids for a new user's memberships; foreign tenants are reported like unknown ones. */
    private Set<Long> memberships(Caller caller, ConsoleRole role, List<String> slugs, List<FieldProblem> problems) {
        if (role == ConsoleRole.PLATFORM_ADMIN) {
            if (!slugs.isEmpty()) {
                problems.add(new FieldProblem("tenants", "platform admins belong to every tenant; leave this empty"));
            }
            return Set.of();
        }
        Map<String, Long> ids = idsBySlug();
        Set<Long> result = new HashSet<>();
        for (int i = 0; i < slugs.size(); i++) {
            Long id = ids.get(slugs.get(i));
            if (id == null || !caller.canManage(id)) {
                problems.add(new FieldProblem("tenants[" + i + "]", "no tenant '" + slugs.get(i) + "'"));
            } else {
                result.add(id);
            }
        }
        return result;
    }

    /**
     * The memberships after a change: the caller replaces those in the tenants it manages and keeps the others
     * untouched (so a tenant admin can take a shared user out of its own tenants). At least one must remain.
     */
    private Set<Long> mergedMemberships(Caller caller, ConsoleUser user, ConsoleRole role, List<String> slugs,
                                        List<FieldProblem> problems) {
        if (role == ConsoleRole.PLATFORM_ADMIN) {
            return Set.of();
        }
        Set<Long> result = new HashSet<>(user.getTenantIds());
        if (slugs != null) {
            result.removeIf(caller::canManage);
            result.addAll(memberships(caller, role, slugs, problems));
        }
        if (result.isEmpty() && problems.isEmpty()) {
            problems.add(new FieldProblem("tenants", PICK_A_TENANT));
        }
        return result;
    }

    private ConsoleUser findVisible(Caller caller, String username) {
        return users.findByUsername(username == null ? "" : username).filter(u -> visible(caller, u))
                .orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
    }

    private static boolean visible(Caller caller, ConsoleUser user) {
        if (caller.isPlatformAdmin() || user.getUsername().equals(caller.username())) {
            return true;
        }
        return caller.role() == ConsoleRole.TENANT_ADMIN && user.getRole() != ConsoleRole.PLATFORM_ADMIN
                && user.getTenantIds().stream().anyMatch(caller.tenantIds()::contains);
    }

    private static UserView view(Caller caller, ConsoleUser user, Map<Long, String> slugs) {
        return user.toView(slugs, caller::canRead);
    }

    private Map<String, Long> idsBySlug() {
        Map<String, Long> ids = new java.util.HashMap<>();
        tenants.slugsById().forEach((id, slug) -> ids.put(slug, id));
        return ids;
    }

    private static String singleTenant(UserView user) {
        return user.tenants().size() == 1 ? user.tenants().get(0) : null;
    }

    private static String describe(UserView user) {
        return "role " + user.role() + ", tenants " + user.tenants() + (user.enabled() ? "" : ", disabled");
    }
}
