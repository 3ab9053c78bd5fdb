package io.atq.testfixtures;

import com.github.dockerjava.api.DockerClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * This machine's registry (Debian's docker-registry on {@code 127.0.0.1:5000}, or {@code ATQ_REGISTRY_ADDR}, started
 * by {@code compose/dev test}: {@code ensure_registry} in compose/lib/prereqs.sh), for tests that run images by digest.
 * Tests use repositories of their own ({@code atq-it-<random>/…}) and delete their manifests afterwards (the registry
 * allows deletes).
 */
public final class LocalRegistry {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String address;

    private LocalRegistry(String address) {
        this.address = address;
    }

    /** The registry at {@code ATQ_REGISTRY_ADDR}, else {@code 127.0.0.1:5000}; fails, saying how to start it, when it does not answer. */
    public static LocalRegistry get() {
        String configured = System.getenv("ATQ_REGISTRY_ADDR");
        LocalRegistry registry = new LocalRegistry(configured == null || configured.isBlank() ? "127.0.0.1:5000" : configured);
        int status = registry.status("GET", "/v2/");
        if (status != 200) {
            throw new IllegalStateException("no registry answers GET http://" + registry.address + "/v2/ (status " + status
                    + "): compose/dev test starts it (ensure_registry in compose/lib/prereqs.sh)");
        }
        return registry;
    }

    /** host:port, the registry part of its image references. */
    public String address() {
        return address;
    }

    /**
     * Tags the local image {@code image} as {@code address/repository:tag} and pushes it.
     *
     * @return the manifest digest ({@code sha256:…}) the registry now serves for that tag
     */
    public String push(DockerClient docker, String image, String repository, String tag) throws InterruptedException {
        return ImagePush.push(docker, image, address + "/" + repository, tag, null);
    }

    /** Deletes one manifest of {@code repository}; true when the registry deleted it (202) or had none (404). */
    public boolean deleteManifest(String repository, String digest) {
        int status = status("DELETE", "/v2/" + repository + "/manifests/" + digest);
        return status == 202 || status == 404;
    }

    private int status(String method, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + path)).method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
