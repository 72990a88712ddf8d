package io.gatehouse.auth.user;

import io.gatehouse.auth.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console users: sign-in lookup and the first platform admin. */
@Service
public class ConsoleUserService implements UserDetailsService {
    private final ConsoleUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;

    ConsoleUserService(ConsoleUserRepository users, PasswordEncoder passwordEncoder, AuditTrail audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        ConsoleUser user = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .disabled(!user.isEnabled())
                .authorities(List.of(new SimpleGrantedAuthority(user.getRole().authority())))
                .build();
    }

    /**
     * Creates the first platform admin when no user exists yet.
     *
     * @return the generated password when one had to be generated, for the caller to print once
     */
    @Transactional
    public Optional<String> createFirstAdminIfNone(String username, String configuredPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        boolean generate = configuredPassword == null || configuredPassword.isBlank();
        String password = generate ? GeneratedPasswords.next() : configuredPassword;
        users.save(new ConsoleUser(username, passwordEncoder.encode(password), ConsoleRole.PLATFORM_ADMIN));
        audit.record("user.create", null, "user", username, "first platform admin, created at start-up");
        return generate ? Optional.of(password) : Optional.empty();
    }
}
