package io.atq.gateway.webhooks.rabbit;

import io.atq.gateway.webhooks.DeliveryJob;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON of a {@link DeliveryJob} on the retry ladder; the AMQP {@code type} is {@value #TYPE_ID}. */
final class DeliveryJobCodec {
    /** Type id of a job on the ladder (gateway-internal, not a task-log message). */
    static final String TYPE_ID = "webhook-delivery.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeliveryJobCodec() {
    }

    static byte[] encode(DeliveryJob job) {
        return JSON.writeValueAsBytes(job);
    }

    /** @throws IllegalArgumentException when the body is not a job (never readable: drop it) */
    static DeliveryJob decode(byte[] body) {
        try {
            return JSON.readValue(body, DeliveryJob.class);
        } catch (JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not a webhook delivery job: " + e.getMessage(), e);
        }
    }
}
