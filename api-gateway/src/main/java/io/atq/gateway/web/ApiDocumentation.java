package io.atq.gateway.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document springdoc generates from the controllers ({@code /v3/api-docs}): its title, and one rule
 * instead of a repeated annotation per answer — every 4xx/5xx answer is an RFC 9457 problem.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "ATQ Director API", version = "v1",
        description = "Submit distributed test tasks, follow them and read their verdict. Errors are RFC 9457 problems."))
class ApiDocumentation {
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
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
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
