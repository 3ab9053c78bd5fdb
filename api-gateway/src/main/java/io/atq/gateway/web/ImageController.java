package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The image whitelist, so clients can see what they may run and with which args. */
@RestController
@Tag(name = "images", description = "The image whitelist")
public class ImageController {
    private final List<ImageView> images;

    public ImageController(AtqConfig config) {
        this.images = config.images().stream().map(ImageView::of).toList();
    }

    @GetMapping("/v1/images")
    @Operation(summary = "Whitelisted images and the args each one accepts")
    public List<ImageView> images() {
        return images;
    }
}
