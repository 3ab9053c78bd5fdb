package io.atq.gateway.web;

import io.atq.contracts.config.AtqConfig;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The image whitelist, so clients can see what they may run and with which args. */
@RestController
public class ImageController {
    private final List<ImageView> images;

    public ImageController(AtqConfig config) {
        this.images = config.images().stream().map(ImageView::of).toList();
    }

    @GetMapping("/v1/images")
    public List<ImageView> images() {
        return images;
    }
}
