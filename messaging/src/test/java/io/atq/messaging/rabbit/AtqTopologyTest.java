package io.atq.messaging.rabbit;

import io.atq.contracts.names.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The one topology both apps declare: every queue with its contracted arguments, and every binding. */
class AtqTopologyTest {

    @Test
    void declaresEveryQueueDurableWithTheArgumentsOfTheContract() {
        Map<String, Queue> queues = AtqTopology.declarables().getDeclarablesByType(Queue.class).stream()
                .collect(Collectors.toMap(Queue::getName, queue -> queue));

        assertThat(queues).containsOnlyKeys(Topology.REQUEST_QUEUE, Topology.DEAD_LETTER_QUEUE, Topology.LOG_STREAM,
                Topology.WEBHOOK_EVENT_QUEUE);
        assertThat(queues.values()).allSatisfy(queue -> {
            assertThat(queue.isDurable()).as(queue.getName()).isTrue();
            assertThat(queue.isAutoDelete()).as(queue.getName()).isFalse();
        });
        assertThat(queues.get(Topology.REQUEST_QUEUE).getArguments()).isEqualTo(Topology.requestQueueArguments());
        assertThat(queues.get(Topology.DEAD_LETTER_QUEUE).getArguments()).isEqualTo(Topology.deadLetterQueueArguments());
        assertThat(queues.get(Topology.LOG_STREAM).getArguments()).isEqualTo(Topology.logStreamArguments());
        assertThat(queues.get(Topology.WEBHOOK_EVENT_QUEUE).getArguments()).isEqualTo(Topology.webhookWorkQueueArguments());
    }

    @Test
    void declaresBothExchangesDurable() {
        List<Exchange> exchanges = AtqTopology.declarables().getDeclarablesByType(Exchange.class);

        assertThat(exchanges).extracting(Exchange::getName, Exchange::getType, Exchange::isDurable).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Topology.EXCHANGE, "topic", true),
                org.assertj.core.groups.Tuple.tuple(Topology.DEAD_LETTER_EXCHANGE, "fanout", true));
    }

    @Test
    void bindsRequestsLogDeadLettersAndOnlyWhatWebhooksReportToTheWebhookQueue() {
        List<String> bindings = AtqTopology.declarables().getDeclarablesByType(Binding.class).stream()
                .map(binding -> binding.getExchange() + " -" + binding.getRoutingKey() + "-> " + binding.getDestination())
                .toList();

        assertThat(bindings).containsExactlyInAnyOrder(
                "atq.tasks.v1 -task.requested-> atq.task-requests.v1",
                "atq.tasks.v1 -task.requested.quiet-> atq.task-requests.v1",
                "atq.dead-letters.v1 --> atq.task-requests.dead.v1",
                "atq.tasks.v1 -task.#-> atq.task-log.v1",
                "atq.tasks.v1 -task.requested-> atq.webhook-events.v1",
                "atq.tasks.v1 -task.phase-changed-> atq.webhook-events.v1");
    }

    @Test
    void eachCallGivesNewDeclarationsSoTwoContextsNeverShareThem() {
        assertThat(AtqTopology.declarables()).isNotSameAs(AtqTopology.declarables());
    }
}
