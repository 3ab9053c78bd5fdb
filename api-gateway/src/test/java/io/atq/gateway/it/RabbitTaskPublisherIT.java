package io.atq.gateway.it;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Topology;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.publish.RabbitTaskPublisher;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A publish counts only when acked and not returned: checked on a fresh virtual host of the real broker whose
 * topology is deliberately incomplete, so the gateway's own topology stays intact for the other tests.
 */
class RabbitTaskPublisherIT {
    private final String vhost = "atq-it-" + UUID.randomUUID();
    private CachingConnectionFactory connections;

    @AfterEach
    void closeAndDropTheVirtualHost() throws Exception {
        if (connections != null) {
            connections.destroy();
        }
        management("DELETE", "/api/vhosts/" + vhost, null);
        assertThat(management("GET", "/api/vhosts/" + vhost, null)).as("virtual host removed").isEqualTo(404);
    }

    @Test
    void reportsAReturnedMessageAsUnroutableAndNotRetryable() throws Exception {
        RabbitTaskPublisher publisher = publisherOnNewVirtualHost();
        new RabbitAdmin(connections).declareExchange(new TopicExchange(Topology.EXCHANGE, true, false)); // no queues bound
        PublishException failure = catchThrowableOfType(PublishException.class, () -> publisher.publish(cancel()));
        assertThat(failure).isNotNull();
        assertThat(failure.getReason()).isEqualTo(PublishException.Reason.UNROUTABLE);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure).hasMessageContaining("NO_ROUTE");
    }

    @Test
    void reportsAMissingExchangeAsANegativeConfirm() throws Exception {
        RabbitTaskPublisher publisher = publisherOnNewVirtualHost();
        PublishException failure = catchThrowableOfType(PublishException.class, () -> publisher.publish(cancel()));
        assertThat(failure).isNotNull();
        assertThat(failure.getReason()).isEqualTo(PublishException.Reason.NACKED);
        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void aRequestNoWebhookReportsSkipsTheWebhookQueueButReachesTheRequestQueueAndTheLog() throws Exception {
        RabbitTaskPublisher publisher = publisherOnNewVirtualHost();
        RabbitAdmin admin = new RabbitAdmin(connections);
        TopicExchange exchange = new TopicExchange(Topology.EXCHANGE, true, false);
        admin.declareExchange(exchange);
        // The bindings the apps declare: request queue, log, webhook event queue (classic queues will do here).
        Queue requests = declare(admin, "requests");
        Queue log = declare(admin, "log");
        Queue webhooks = declare(admin, "webhook-events");
        admin.declareBinding(BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED));
        admin.declareBinding(BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED_QUIET));
        admin.declareBinding(BindingBuilder.bind(log).to(exchange).with(Topology.KEY_ALL));
        admin.declareBinding(BindingBuilder.bind(webhooks).to(exchange).with(Topology.KEY_REQUESTED));
        admin.declareBinding(BindingBuilder.bind(webhooks).to(exchange).with(Topology.KEY_PHASE_CHANGED));

        publisher.publish(request(null));
        publisher.publish(request(new Callback("https://ci.example/hook", CallbackEvents.TERMINAL)));
        publisher.publish(request(new Callback("https://ci.example/hook", CallbackEvents.ALL)));

        assertThat(depth(admin, requests)).isEqualTo(3);
        assertThat(depth(admin, log)).isEqualTo(3);
        // QUEUED is reported only to a callback for all events.
        assertThat(depth(admin, webhooks)).isEqualTo(1);
    }

    private static Queue declare(RabbitAdmin admin, String name) {
        Queue queue = new Queue(name, false, false, true);
        admin.declareQueue(queue);
        return queue;
    }

    private static long depth(RabbitAdmin admin, Queue queue) {
        return admin.getQueueInfo(queue.getName()).getMessageCount();
    }

    private static TaskRequested request(Callback callback) {
        TaskSpec spec = new TaskSpec("t", new WorkerSpec("atq/demo-worker:1", 1, Map.of(), null),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5), Map.of(), null, callback);
        return new TaskRequested(TaskId.random(), spec, Instant.now(), "dev", UUID.randomUUID().toString(), null, null);
    }

    private RabbitTaskPublisher publisherOnNewVirtualHost() throws Exception {
        management("PUT", "/api/vhosts/" + vhost, "{}");
        management("PUT", "/api/permissions/" + vhost + "/" + SharedBroker.container().getAdminUsername(),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        connections = new CachingConnectionFactory(SharedBroker.container().getHost(), SharedBroker.container().getAmqpPort());
        connections.setUsername(SharedBroker.container().getAdminUsername());
        connections.setPassword(SharedBroker.container().getAdminPassword());
        connections.setVirtualHost(vhost);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        RabbitTemplate template = new RabbitTemplate(connections);
        template.setMandatory(true);
        return new RabbitTaskPublisher(new ConfirmedPublisher(template, new MessageCodec(), Duration.ofSeconds(5),
                Retry.of("test", RetryConfig.custom().maxAttempts(1).build()), CircuitBreaker.ofDefaults("test"), new SimpleMeterRegistry()));
    }

    private static CancelTask cancel() {
        return new CancelTask(TaskId.random(), Instant.now());
    }

    /** Calls the management API; returns the status (only 2xx, or 404 for a GET, are acceptable). */
    private static int management(String method, String path, String json) throws Exception {
        String credentials = SharedBroker.container().getAdminUsername() + ":" + SharedBroker.container().getAdminPassword();
        HttpRequest request = HttpRequest.newBuilder(URI.create(SharedBroker.container().getHttpUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        // HTTP/1.1: the management listener drops the JDK client's default h2c upgrade attempt.
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (!(method.equals("GET") && response.statusCode() == 404)) {
                assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
            }
            return response.statusCode();
        }
    }
}
