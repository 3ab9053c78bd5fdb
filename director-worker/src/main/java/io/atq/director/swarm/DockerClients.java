package io.atq.director.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

import java.time.Duration;

/** Builds docker-java clients the way ATQ needs them. */
public final class DockerClients {
    private DockerClients() {
    }

    /**
     * A client for the engine at {@code host} over Apache httpclient5. No API version is set: docker-java then uses
     * unversioned URLs, which every engine accepts (a fixed 1.44 is refused by Docker 20.10, which speaks 1.41).
     */
    public static DockerClient create(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * The HTTP transport a client built here talks through, for the few requests docker-java's models cannot express
     * (e.g. a task's network attachments). Same connection pool, host and timeouts as the client's own calls.
     *
     * @throws IllegalArgumentException for a client not built on a {@link DockerHttpClient}
     */
    public static DockerHttpClient transportOf(DockerClient docker) {
        if (docker instanceof DockerClientImpl impl && impl.getHttpClient() != null) {
            return impl.getHttpClient();
        }
        throw new IllegalArgumentException("not a docker-java client with an HTTP transport: " + docker.getClass().getName());
    }
}
