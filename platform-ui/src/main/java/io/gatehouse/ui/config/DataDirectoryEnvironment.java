package io.gatehouse.ui.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code platform.data-dir} absolute before the datasource URL is resolved: H2 refuses file paths that are
 * implicitly relative, and operators reasonably write {@code PLATFORM_DATA_DIR=data}.
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("platform.data-dir", "./data");
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addFirst(
                new MapPropertySource("gatehouse-data-dir", Map.of("platform.data-dir", absolute)));
    }
}
