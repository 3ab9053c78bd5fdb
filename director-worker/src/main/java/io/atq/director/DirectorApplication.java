package io.atq.director;

import io.atq.boot.StartupProfile;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ATQ director: takes TaskRequested commands from the queue and runs them on Docker Swarm. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DirectorApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DirectorApplication.class);
        StartupProfile.applyTo(application);
        application.run(args);
    }
}
