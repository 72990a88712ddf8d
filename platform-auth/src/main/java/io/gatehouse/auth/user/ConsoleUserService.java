package io.gatehouse.auth.user;

import java.security.SecureRandom;
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
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final ConsoleUserRepository users;
    private final PasswordEncoder passwordEncoder;

    ConsoleUserService(ConsoleUserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
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
        String password = generate ? randomPassword() : configuredPassword;
        users.save(new ConsoleUser(username, passwordEncoder.encode(password), ConsoleRole.PLATFORM_ADMIN));
        return generate ? Optional.of(password) : Optional.empty();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
