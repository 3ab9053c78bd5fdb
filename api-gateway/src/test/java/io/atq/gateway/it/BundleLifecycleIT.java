package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import io.atq.gateway.bundles.Archives;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks name bundles by id; a bundle in use by a task that has not ended cannot be deleted. */
class BundleLifecycleIT extends BundleTestBase {

    private String submitWithBundle(String bundle) {
        return submit(http, TaskRequests.validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"bundle\": \"" + bundle + "\""));
    }

    @Test
    void aTaskNamingAnUnknownBundleIs400NamingTheFieldAndNothingIsPublished() {
        purgeRequests();
        String unknown = "0".repeat(64);

        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TaskRequests.validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"bundle\": \"" + unknown + "\""))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("bundle")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("no bundle with id '" + unknown + "'"));
        assertThat(requestQueueDepth()).isZero();
    }

    @Test
    void aBundleUsedByARunningTaskIs409UntilTheTaskEndsThen204() {
        String bundle = uploaded(Archives.with().file("users.csv", "1,ann").zip(temp), ZIP);
        String task = submitWithBundle(bundle);
        director.moves(task, Phase.PROVISIONING, Phase.STARTING_WORKERS);
        awaitPhase(task, "STARTING_WORKERS");

        http.delete().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:bundle-in-use").jsonPath("$.tasks[0]").isEqualTo(task);
        assertThat(BUNDLES.resolve(bundle)).isDirectory();

        director.moves(task, Phase.FAILED);
        awaitPhase(task, "FAILED");
        http.delete().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isNoContent();
        assertThat(BUNDLES.resolve(bundle)).doesNotExist();
        purgeRequests();
    }

    @Test
    void aDeletedBundleIsGoneFromReadListAndDelete() {
        String bundle = uploaded(Archives.with().file("a.txt", "a").file("b.txt", "b").tarGz(temp), GZIP);

        http.delete().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isNoContent();

        http.get().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:bundle-not-found");
        http.delete().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isNotFound();
        http.get().uri("/v1/bundles").exchange().expectBody().jsonPath("$[?(@.id == '%s')]".formatted(bundle)).doesNotExist();
        http.get().uri("/v1/bundles/{id}", "../../etc").exchange().expectStatus().isNotFound();
        http.get().uri("/v1/bundles/{id}", "NOT-A-HASH").exchange().expectStatus().isNotFound();
    }
}
