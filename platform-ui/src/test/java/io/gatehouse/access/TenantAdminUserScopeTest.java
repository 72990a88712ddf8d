package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A user's role, password and enabled flag hold in every tenant it belongs to. So a tenant admin may change them only
 * for users wholly inside its own tenants; for a user who also belongs to a tenant it does not manage, it may change
 * just the memberships in its own tenants. Otherwise the admin of a could promote, lock out or (by resetting the
 * password) become a user of b.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantAdminUserScopeTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    UserManagement users;

    private TwoTenants fx;

    @BeforeAll
    void fixture() {
        fx = new TwoTenants(context);
    }

    private TwoTenants.User inBothTenants(ConsoleRole role) {
        return fx.user("both", role, List.of(fx.a.slug(), fx.b.slug()));
    }

    private UserView asSystem(TwoTenants.User user) {
        return users.get(user.name());
    }

    @Test
    void aTenantAdminCannotPromoteAUserWhoAlsoBelongsToAnotherTenant() {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_VIEWER);

        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> users.update(shared.name(),
                new UserChange(ConsoleRole.TENANT_ADMIN, null, null))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("tenants you do not manage");
        assertThat(asSystem(shared).role()).isEqualTo(ConsoleRole.TENANT_VIEWER);
    }

    @Test
    void aTenantAdminCannotDemoteOrDisableAUserWhoAlsoBelongsToAnotherTenant() {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_ADMIN);

        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> users.update(shared.name(),
                new UserChange(ConsoleRole.TENANT_VIEWER, null, null)))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> users.update(shared.name(),
                new UserChange(null, null, false)))).isInstanceOf(ForbiddenException.class);
        UserView after = asSystem(shared);
        assertThat(after.role()).isEqualTo(ConsoleRole.TENANT_ADMIN);
        assertThat(after.enabled()).isTrue();
    }

    @Test
    void aTenantAdminCannotResetThePasswordOfAUserWhoAlsoBelongsToAnotherTenant() {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_ADMIN);

        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> users.resetPassword(shared.name())))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aTenantAdminCannotDeleteAUserWhoAlsoBelongsToAnotherTenant() {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_VIEWER);

        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> {
            users.delete(shared.name());
            return null;
        })).isInstanceOf(ForbiddenException.class);
        assertThat(asSystem(shared).username()).isEqualTo(shared.name());
    }

    @Test
    void aTenantAdminMayStillTakeSuchAUserOutOfItsOwnTenantsOnly() throws Exception {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_VIEWER);

        UserView seen = SignedIn.as(fx.adminA, () -> users.update(shared.name(), new UserChange(null, List.of(), null)));

        assertThat(seen.tenants()).isEmpty();
        assertThat(asSystem(shared).tenants()).containsExactly(fx.b.slug());
    }

    @Test
    void aTenantUserKeepsAtLeastOneTenant() {
        TwoTenants.User own = fx.user("own", ConsoleRole.TENANT_VIEWER, List.of(fx.a.slug()));

        assertThatThrownBy(() -> SignedIn.as(fx.adminA, () -> users.update(own.name(),
                new UserChange(null, List.of(), null)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pick at least one tenant");
        assertThatThrownBy(() -> SignedIn.as(fx.platformAdmin, () -> users.create(new NewUser(fx.unique("authz-none"),
                null, ConsoleRole.TENANT_VIEWER, List.of())))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pick at least one tenant");
        assertThat(asSystem(own).tenants()).containsExactly(fx.a.slug());
    }

    @Test
    void aTenantAdminSeesOnlyItsOwnTenantsInTheMembershipsOfASharedUser() throws Exception {
        TwoTenants.User shared = inBothTenants(ConsoleRole.TENANT_VIEWER);

        UserView seen = SignedIn.as(fx.adminA, () -> users.get(shared.name()));

        assertThat(seen.tenants()).containsExactly(fx.a.slug());
    }

    @Test
    void aTenantAdminStillManagesUsersWhollyInsideItsTenants() throws Exception {
        TwoTenants.User own = fx.user("own", ConsoleRole.TENANT_VIEWER, List.of(fx.a.slug()));

        SignedIn.as(fx.adminA, () -> users.update(own.name(), new UserChange(ConsoleRole.TENANT_ADMIN, null, false)));
        String password = SignedIn.as(fx.adminA, () -> users.resetPassword(own.name()));

        assertThat(password).isNotBlank();
        assertThat(asSystem(own).role()).isEqualTo(ConsoleRole.TENANT_ADMIN);
        assertThat(asSystem(own).enabled()).isFalse();
    }
}
