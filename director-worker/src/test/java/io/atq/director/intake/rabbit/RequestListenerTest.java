package io.atq.director.intake.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.contracts.names.Headers;
import io.atq.director.intake.RequestHandler;
import io.atq.director.intake.TaskIntake;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class RequestListenerTest {
    private final Channel channel = mock(Channel.class);
    private final List<String> deadLettered = new ArrayList<>();

    private Message message() {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryTag(7);
        properties.setHeader(Headers.QUORUM_DELIVERY_COUNT, 2L);
        return new Message("{}".getBytes(), properties);
    }

    private RequestListener listener(RequestHandler handler, boolean deadLetterConfirmed) {
        return new RequestListener(handler, (original, reason) -> {
            deadLettered.add(reason);
            return deadLetterConfirmed;
        });
    }

    @Test
    void requeuesOnAnUnexpectedFailureSoTheQueueCountsTheDelivery() throws Exception {
        listener((type, body) -> {
            throw new IllegalStateException("boom");
        }, true).onMessage(message(), channel);

        verify(channel).basicNack(7, false, true);
        verifyNoMoreInteractions(channel);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void acknowledgesTheOriginalOnlyAfterTheDeadLetterWasConfirmed() throws Exception {
        listener((type, body) -> TaskIntake.Result.deadLetter("forged"), true).onMessage(message(), channel);

        assertThat(deadLettered).containsExactly("forged");
        verify(channel).basicAck(7, false);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void letsTheBrokerDeadLetterTheOriginalWhenTheCopyIsNotConfirmed() throws Exception {
        listener((type, body) -> TaskIntake.Result.deadLetter("forged"), false).onMessage(message(), channel);

        verify(channel).basicReject(7, false);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void acknowledgesAndRequeuesAsTold() throws Exception {
        listener((type, body) -> TaskIntake.Result.ACK, true).onMessage(message(), channel);
        listener((type, body) -> TaskIntake.Result.REQUEUE, true).onMessage(message(), channel);

        verify(channel).basicAck(7, false);
        verify(channel).basicNack(7, false, true);
        verifyNoMoreInteractions(channel);
    }
}
