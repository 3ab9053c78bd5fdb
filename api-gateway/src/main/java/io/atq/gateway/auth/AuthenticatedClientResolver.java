package io.atq.gateway.auth;

import io.atq.contracts.config.ClientConfig;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Hands a handler's {@link ClientConfig} parameter the client {@link BearerAuthFilter} authenticated, so a handler
 * names whom it serves in its signature. Not an API parameter: hidden from the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
public class AuthenticatedClientResolver implements WebFluxConfigurer, HandlerMethodArgumentResolver {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ClientConfig.class);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ClientConfig.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        ClientConfig client = exchange.getAttribute(BearerAuthFilter.CLIENT);
        // The filter guards every route that takes a client; reaching here without one is a wiring mistake.
        return client != null ? Mono.just(client)
                : Mono.error(new IllegalStateException("no authenticated client on " + exchange.getRequest().getPath()));
    }
}
