package io.atq.gateway.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Configuration;

/** The title of the OpenAPI document springdoc generates from the controllers ({@code /v3/api-docs}). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "ATQ Director API", version = "v1",
        description = "Submit distributed test tasks, follow them and read their verdict. Errors are RFC 9457 problems."))
class ApiDocumentation {
}
