package io.atq.gateway.web;

import io.atq.contracts.config.ImageRule;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A whitelisted image and the args it accepts, as {@code GET /v1/images} shows it. */
public record ImageView(String imageName,
                        @Schema(allowableValues = {"registry", "local"}, description = "How the image reaches the nodes: "
                                + "registry = resolved to its registry's manifest digest when a task is provisioned and run as "
                                + "repo@sha256:… (nodes pull it); local = run by the director node's local image id")
                        String distribution,
                        List<Arg> args) {

    /** An arg the image accepts; {@code secret} ones are masked wherever the platform shows them (the board asks for them as passwords). */
    public record Arg(String name, boolean required, boolean secret) {
    }

    static ImageView of(ImageRule rule) {
        return new ImageView(rule.imageName(), rule.distribution().label(),
                rule.args().stream().map(a -> new Arg(a.name(), a.required(), a.secret())).toList());
    }
}
