package io.atq.gateway;

import io.atq.boot.StartupProfile;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigException;
import io.atq.contracts.config.ConfigLoader;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/** Starts the gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Bean name of the {@link AtqConfig} loaded by {@link #main}, reused by the context so the YAML is read once. */
    public static final String CONFIG_BEAN = "atqConfig";

    public static void main(String[] args) {
        AtqConfig config;
        try {
            config = ConfigLoader.load(configPath(args));
        } catch (ConfigException e) {
            // A broken configuration never heals by itself: say exactly what is wrong and stop.
            System.err.println("ATQ configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        // Default properties have the lowest precedence, so SERVER_PORT and --server.port still win over the YAML.
        application.setDefaultProperties(Map.of("server.port", config.port()));
        application.addInitializers((ConfigurableApplicationContext context) ->
                context.getBeanFactory().registerSingleton(CONFIG_BEAN, config));
        StartupProfile.applyTo(application);
        application.run(args);
    }

    /** The YAML path: {@code --atq.config=…}, else system property {@code atq.config}, else env {@code ATQ_CONFIG}. */
    static String configPath(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--atq.config=")) {
                return arg.substring("--atq.config=".length());
            }
        }
        String property = System.getProperty("atq.config");
        return property != null ? property : System.getenv("ATQ_CONFIG");
    }
}
