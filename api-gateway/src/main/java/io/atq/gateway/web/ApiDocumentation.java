package io.atq.gateway.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document springdoc generates from the controllers ({@code /v3/api-docs}): its title, the bearer
 * security scheme, and two rules instead of a repeated annotation per answer — every {@code /v1} operation may
 * answer 401, and every 4xx/5xx answer is an RFC 9457 problem.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "ATQ Director API", version = "v1",
        description = "Submit distributed test tasks, follow them and read their verdict. Errors are RFC 9457 problems. "
                + "Every /v1 request carries 'Authorization: Bearer <token>'; a client sees only its own tasks (an admin all)."),
        security = @SecurityRequirement(name = ApiDocumentation.BEARER))
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token configured for your client (only its SHA-256 is stored)")
class ApiDocumentation {
    static final String BEARER = "bearer";
    private static final String PROBLEM_SCHEMA = "ProblemDetail";

    @Bean
    OpenApiCustomizer errorAnswersAreProblems() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            ModelConverters.getInstance().readAll(new AnnotatedType(ProblemDetail.class))
                    .forEach(openApi.getComponents()::addSchemas);
            Content problem = new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new io.swagger.v3.oas.models.media.MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((route, path) -> path.readOperations().forEach(operation -> {
                if (route.startsWith("/v1/") && operation.getResponses() != null) {
                    operation.getResponses().computeIfAbsent("401", status -> new ApiResponse()
                            .description("Missing, malformed or unknown bearer token (WWW-Authenticate: Bearer)"));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.setContent(problem);
                        }
                    });
                }
            }));
        };
    }
}
