package io.gatehouse.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ConsoleRole;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two chains: the stateless admin API (HTTP Basic or a personal API token; any role, services check tenants) and the
 * Prometheus scrape endpoint (platform admins) first, then the Vaadin console (form login).
 */
@Configuration
class SecurityConfig extends VaadinWebSecurity {

    @Bean
    SignInThrottle signInThrottle(
            @Value("${platform.sign-in.max-failures-per-user:5}") int maxFailuresPerUser,
            @Value("${platform.sign-in.max-failures-per-ip:20}") int maxFailuresPerIp,
            @Value("${platform.sign-in.failure-window:15m}") Duration window,
            @Value("${platform.sign-in.lockout:30s}") Duration lockout,
            @Value("${platform.sign-in.max-lockout:15m}") Duration maxLockout) {
        return new SignInThrottle(new SignInThrottle.Settings(maxFailuresPerUser, maxFailuresPerIp, window, lockout,
                maxLockout), Clock.systemUTC());
    }

    /** The bcrypt password check (unchanged) behind the sign-in throttle, for the console form and HTTP Basic. */
    @Bean
    AuthenticationProvider throttledAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder,
                                                           SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthenticationProvider(passwords, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, ApiTokenService tokens,
                                 ObjectProvider<SecurityContextHolderStrategy> strategies) throws Exception {
        ProblemAuthenticationResponses problems = new ProblemAuthenticationResponses();
        // The strategy Spring Security's own filters of this chain use (the context's bean, Vaadin's).
        SecurityContextHolderStrategy contexts = strategies.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/prometheus").hasAuthority(ConsoleRole.PLATFORM_ADMIN.authority())
                        // every role may call the API; services decide per tenant and operation
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new ApiTokenFilter(tokens, problems, contexts), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                "/swagger-ui.html", "/swagger-ui/**").permitAll());
        http.headers(headers -> headers
                .contentTypeOptions(c -> { })
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        super.configure(http);
        setLoginView(http, LoginView.class, "/login?logout");
        http.formLogin(form -> form.failureHandler(new SignInFailureRedirect()));
    }
}
