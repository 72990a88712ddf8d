package io.gatehouse.auth.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On first start (no users yet) creates the platform admin; a generated password is printed exactly once. Runs
 * before the listeners start, so the admin exists by the time health reports UP.
 */
@Component
class FirstAdminBootstrap implements SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdminBootstrap.class);

    private final ConsoleUserService users;
    private final String username;
    private final String password;

    FirstAdminBootstrap(ConsoleUserService users,
                        @Value("${platform.admin.username:admin}") String username,
                        @Value("${platform.admin.password:}") String password) {
        this.users = users;
        this.username = username;
        this.password = password;
    }

    @Override
    public void afterSingletonsInstantiated() {
        users.createFirstAdminIfNone(username, password).ifPresentOrElse(
                generated -> LOG.warn("""

                        ================================================================
                         First start: created platform admin '{}' with password
                             {}
                         This is shown once. Sign in at the console and keep it safe.
                        ================================================================""", username, generated),
                () -> LOG.debug("console users exist or password configured; no password generated"));
    }
}
