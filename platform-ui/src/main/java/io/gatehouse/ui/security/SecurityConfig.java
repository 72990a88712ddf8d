package io.gatehouse.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import io.gatehouse.auth.user.ConsoleRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two chains: the stateless admin API and the Prometheus scrape endpoint (Basic, platform admins) first, then the
 * Vaadin console (form login).
 */
@Configuration
class SecurityConfig extends VaadinWebSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http) throws Exception {
        ProblemAuthenticationResponses problems = new ProblemAuthenticationResponses();
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ConsoleRole.PLATFORM_ADMIN.authority()))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
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
    }
}
