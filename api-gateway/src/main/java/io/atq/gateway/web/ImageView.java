package io.atq.gateway.web;

import io.atq.contracts.config.ImageRule;

import java.util.List;

/** A whitelisted image and the args it accepts, as {@code GET /v1/images} shows it. */
public record ImageView(String imageName, List<Arg> args) {

    public record Arg(String name, boolean required) {
    }

    static ImageView of(ImageRule rule) {
        return new ImageView(rule.imageName(), rule.args().stream().map(a -> new Arg(a.name(), a.required())).toList());
    }
}
