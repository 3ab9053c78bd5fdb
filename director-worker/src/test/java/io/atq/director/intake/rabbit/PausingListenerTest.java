package io.atq.director.intake.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.director.intake.TaskIntake;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** The request listener pauses intake before it settles the message that filled the director, and hands back what does not fit. */
class PausingListenerTest {
    private final Channel channel = mock(Channel.class);
    private final List<Message> handedBack = new ArrayList<>();

    private static Message message() {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryTag(3);
        properties.setConsumerTag("amq.ctag-1");
        return new Message("{}".getBytes(), properties);
    }

    private RequestListener listener(TaskIntake.Result result, boolean keepConsuming, boolean copyConfirmed) {
        return new RequestListener((type, body) -> result, (original, reason) -> true, () -> keepConsuming, original -> {
            handedBack.add(original);
            return copyConfirmed;
        });
    }

    @Test
    void cancelsTheConsumerBeforeAcknowledgingTheMessageThatFilledTheDirector() throws Exception {
        listener(TaskIntake.Result.ACK, false, true).onMessage(message(), channel);

        InOrder order = inOrder(channel);
        order.verify(channel).basicCancel("amq.ctag-1");
        order.verify(channel).basicAck(3, false);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void keepsTheConsumerWhileThereIsRoom() throws Exception {
        listener(TaskIntake.Result.ACK, true, true).onMessage(message(), channel);

        verify(channel, never()).basicCancel("amq.ctag-1");
        verify(channel).basicAck(3, false);
    }

    @Test
    void stillAcknowledgesWhenTheContainerCancelledTheConsumerFirst() throws Exception {
        doThrow(new IOException("Unknown consumerTag")).when(channel).basicCancel("amq.ctag-1");

        listener(TaskIntake.Result.ACK, false, true).onMessage(message(), channel);

        verify(channel).basicAck(3, false);
    }

    @Test
    void handsATaskThatDoesNotFitBackAsAConfirmedCopyThenAcknowledgesIt() throws Exception {
        listener(TaskIntake.Result.handBack("needs 3 workers"), false, true).onMessage(message(), channel);

        assertThat(handedBack).hasSize(1);
        InOrder order = inOrder(channel);
        order.verify(channel).basicCancel("amq.ctag-1");
        order.verify(channel).basicAck(3, false);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void returnsATaskWhoseCopyTheBrokerDidNotTake() throws Exception {
        listener(TaskIntake.Result.handBack("needs 3 workers"), true, false).onMessage(message(), channel);

        verify(channel).basicNack(3, false, true);
        verifyNoMoreInteractions(channel);
    }
}
