package io.atq.gateway.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists every route the gateway serves, and Swagger UI is reachable. */
class OpenApiDocumentIT extends GatewayTestBase {
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    // Every annotated-controller mapping: the application's and actuator's @ControllerEndpoint one.
    @Autowired
    List<RequestMappingHandlerMapping> mappings;

    @Test
    void documentsEveryRouteTheGatewayServes() {
        Set<String> served = servedRoutes();
        assertThat(served).as("routes found in the handler mapping").contains("POST /v1/tasks", "GET /v1/tasks/{id}");

        Set<String> documented = documentedRoutes(apiDocs());

        assertThat(documented).containsAll(served);
    }

    @Test
    void describesTheProblemAnswersOfSubmit() {
        JsonNode responses = apiDocs().at("/paths/~1v1~1tasks/post/responses");
        for (String status : new String[] {"202", "400", "413", "415", "503"}) {
            assertThat(responses.path(status).path("content").has(PROBLEM) || status.equals("202"))
                    .as("response %s of POST /v1/tasks is a problem", status).isTrue();
        }
        assertThat(responses.path("202").path("content").has(MediaType.APPLICATION_JSON_VALUE)).isTrue();
    }

    @Test
    void describesTheWebhookPayloadAsACallbackOfSubmitWithItsSequence() {
        JsonNode doc = apiDocs();
        JsonNode callback = doc.at("/paths/~1v1~1tasks/post/callbacks/phaseChanged/{$request.body#~1callbackUrl}/post");
        assertThat(callback.path("description").asString()).contains("data.sequence", "never behind");

        String payload = callback.at("/requestBody/content/application~1json/schema/$ref").asString();
        JsonNode data = doc.at("/components/schemas/" + payload.substring(payload.lastIndexOf('/') + 1) + "/properties/data");
        String dataRef = data.path("$ref").asString();
        assertThat(doc.at("/components/schemas/" + dataRef.substring(dataRef.lastIndexOf('/') + 1) + "/properties").propertyNames())
                .contains("taskId", "phase", "sequence", "at", "task");
    }

    @Test
    void documentsWhetherATasksEvidenceIsComplete() {
        JsonNode schemas = apiDocs().path("components").path("schemas");
        assertThat(schemas.path("TaskView").path("properties").has("evidence")).as("TaskView.evidence").isTrue();
        assertThat(schemas.path("PhaseEventView").path("properties").has("evidence")).as("PhaseEventView.evidence").isTrue();
        assertThat(schemas.path("EvidenceView").path("properties").propertyNames()).contains("complete", "problems");
        assertThat(schemas.path("EvidenceView").path("properties").path("problems").path("description").asString())
                .contains("No space left on device");
    }

    @Test
    void documentsThresholdsTheResultsHeadlineAndTheSummaryRoute() {
        JsonNode doc = apiDocs();
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.at("/TaskRequest/properties/thresholds/maxItems").asInt()).isEqualTo(32);
        assertThat(schemas.path("ThresholdRequest").path("properties").propertyNames()).contains("metric", "label", "below", "above");
        assertThat(schemas.at("/Request/properties").has("thresholds")).as("the view's request").isTrue();
        assertThat(schemas.at("/TaskView/properties").has("results")).as("TaskView.results").isTrue();
        assertThat(schemas.at("/PhaseEventView/properties").has("results")).as("PhaseEventView.results").isTrue();
        assertThat(schemas.path("ThresholdOutcomeView").path("properties").propertyNames())
                .contains("metric", "label", "below", "above", "measured", "passed", "message");
        JsonNode summary = doc.at("/paths/~1v1~1tasks~1{id}~1summary/get/responses");
        assertThat(summary.path("200").path("content").has(MediaType.APPLICATION_JSON_VALUE)).isTrue();
        assertThat(summary.path("404").path("content").has(PROBLEM)).isTrue();
    }

    @Test
    void servesSwaggerUi() {
        String location = http.get().uri("/swagger-ui.html").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        http.get().uri(location).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
    }

    @Test
    void servesTheDocumentAlsoToAClientSendingABodyAndAWildcardAccept() {
        // The hostile-input filters (body buffering, Accept check) run in front of springdoc's routes too.
        http.method(HttpMethod.GET).uri("/v3/api-docs").accept(MediaType.ALL)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").value(String.class, v -> assertThat(v).startsWith("3."));
    }

    private JsonNode apiDocs() {
        byte[] body = http.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(HttpStatus.OK)
                .expectBody().returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body);
    }

    /** "METHOD /path" for every handler method, except springdoc's own (the document does not describe itself). */
    private Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.forEach(mapping -> mapping.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("org.springdoc")) {
                return;
            }
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                methods(info).forEach(m -> routes.add(m + " " + pattern.getPatternString()));
            }
        }));
        return routes;
    }

    private static Set<String> methods(RequestMappingInfo info) {
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        // A mapping without methods answers every method: then it must be documented for each of them.
        return methods.isEmpty() ? Set.of("GET", "POST", "PUT", "DELETE", "PATCH") : methods;
    }

    private static Set<String> documentedRoutes(JsonNode doc) {
        Set<String> routes = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return routes;
    }
}
