package io.atq.director.swarm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.regex.Pattern;

/**
 * The engine's answer to {@code GET /distribution/{name}/json} (API 1.30+): the descriptor of the manifest the
 * registry serves for that name now, {@code {"Descriptor": {"mediaType": …, "digest": "sha256:…", "size": …},
 * "Platforms": […]}}. For a multi-platform image the digest is the index's, which every node resolves to its own
 * platform's manifest, as {@code docker service create} does.
 */
final class DistributionAnswer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private DistributionAnswer() {
    }

    /**
     * The manifest digest ({@code sha256:…}) in the answer.
     *
     * @throws IllegalArgumentException when the answer is not JSON or holds no valid sha256 digest (naming what it holds)
     */
    static String manifestDigest(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the engine's distribution answer is not JSON: " + abbreviate(json), e);
        }
        JsonNode digest = root.path("Descriptor").path("digest");
        String text = digest.isString() ? digest.asString() : "";
        if (!DIGEST.matcher(text).matches()) {
            throw new IllegalArgumentException("the engine's distribution answer has no sha256 Descriptor.digest: " + abbreviate(json));
        }
        return text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
