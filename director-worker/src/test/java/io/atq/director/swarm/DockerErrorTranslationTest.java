package io.atq.director.swarm;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class DockerErrorTranslationTest {

    @Test
    void aMissingObjectIsADecisionNotARetry() {
        SwarmException e = DockerSwarmClient.translate("inspect image x", new NotFoundException("Status 404: {\"message\":\"No such image: x\"}"));

        assertThat(e.getKind()).isEqualTo(SwarmException.Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("inspect image x: No such image: x");
    }

    @Test
    void aNameConflictIsADecisionNotARetry() {
        SwarmException e = DockerSwarmClient.translate("create service s", new ConflictException(
                "Status 409: {\"message\":\"rpc error: code = AlreadyExists desc = name conflicts with an existing object\"}"));

        assertThat(e.getKind()).isEqualTo(SwarmException.Kind.CONFLICT);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void aNetworkNameRaceIsAConflictEvenThoughDockerAnswers500() {
        SwarmException e = DockerSwarmClient.translate("create network n", new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"message\":\"rpc error: code = Unknown desc = name conflicts with an existing object\"}"));

        assertThat(e.getKind()).isEqualTo(SwarmException.Kind.CONFLICT);
    }

    @Test
    void aNetworkStillInUseIsAConflictEvenThoughDockerAnswers400() {
        SwarmException e = DockerSwarmClient.translate("remove network n", new BadRequestException(
                "Status 400: {\"message\":\"rpc error: code = FailedPrecondition desc = network qq25 is in use by task sh7o\"}"));

        assertThat(e.getKind()).isEqualTo(SwarmException.Kind.CONFLICT);
    }

    @Test
    void anIoErrorIsRetryable() {
        SwarmException e = DockerSwarmClient.translate("list tasks", new RuntimeException(new IOException("Connection refused")));

        assertThat(e.getKind()).isEqualTo(SwarmException.Kind.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(DockerSwarmClient.translate("x", new RuntimeException(new SocketTimeoutException("Read timed out"))).isRetryable()).isTrue();
    }

    @Test
    void aManagersBrokenSwarmRpcIsRetryableThoughDockerAnswers500() {
        for (String message : new String[] {
                "rpc error: code = Canceled desc = grpc: the client connection is closing",
                "rpc error: code = Unavailable desc = connection error",
                "rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                "context deadline exceeded"}) {
            SwarmException e = DockerSwarmClient.translate("list tasks of service s", new com.github.dockerjava.api.exception.InternalServerErrorException(
                    "Status 500: {\"message\":\"" + message + "\"}"));

            assertThat(e.getKind()).as(message).isEqualTo(SwarmException.Kind.UNAVAILABLE);
            assertThat(e.isRetryable()).as(message).isTrue();
        }
        assertThat(DockerSwarmClient.translate("x", new DockerException("Status 500: {\"message\":\"rpc error: code = InvalidArgument desc = bad\"}", 500))
                .isRetryable()).isFalse();
    }

    @Test
    void anUnavailableManagerIsRetryableButOtherServerErrorsAreNot() {
        assertThat(DockerSwarmClient.translate("x", new DockerException("Status 503: {\"message\":\"no leader\"}", 503)).isRetryable()).isTrue();
        assertThat(DockerSwarmClient.translate("x", new DockerException("Status 500: {\"message\":\"bad spec\"}", 500)).getKind())
                .isEqualTo(SwarmException.Kind.REFUSED);
    }
}
