package io.atq.gateway.web;

import io.atq.contracts.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/images} says per image whether it runs by registry digest or by local image id. */
class ImageViewTest {

    @Test
    void showsEachImagesDistributionAsTheConfigurationDecidesIt() {
        var config = ConfigLoader.parse("test.yaml", new StringReader("""
                images:
                  - imageName: atq/demo-worker:1
                  - imageName: 127.0.0.1:5000/atq/demo-master:1
                  - imageName: registry.example.com/atq/tool:2
                    distribution: local
                """));

        var views = new ImageController(config).images();

        assertThat(views).extracting(ImageView::imageName, ImageView::distribution).containsExactly(
                org.assertj.core.groups.Tuple.tuple("atq/demo-worker:1", "local"),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1:5000/atq/demo-master:1", "registry"),
                org.assertj.core.groups.Tuple.tuple("registry.example.com/atq/tool:2", "local"));
    }

    @Test
    void saysWhichArgsAreSecret() {
        var config = ConfigLoader.parse("test.yaml", new StringReader("""
                images:
                  - imageName: atq/demo-master:1
                    args:
                      - name: MODE
                        required: true
                      - name: API_KEY
                        secret: true
                """));

        var args = new ImageController(config).images().getFirst().args();

        assertThat(args).containsExactly(new ImageView.Arg("MODE", true, false), new ImageView.Arg("API_KEY", false, true));
    }
}
