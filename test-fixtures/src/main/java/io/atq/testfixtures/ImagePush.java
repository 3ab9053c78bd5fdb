package io.atq.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Tags a local image into a registry and pushes it through the engine, as the registries of the tests do. */
final class ImagePush {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ImagePush() {
    }

    /**
     * Tags {@code image} as {@code name:tag} and pushes it, with {@code login} when the registry wants one.
     *
     * @return the manifest digest ({@code sha256:…}) the registry now serves for that tag, as the push's aux reports it
     */
    static String push(DockerClient docker, String image, String name, String tag, @Nullable AuthConfig login) throws InterruptedException {
        docker.tagImageCmd(image, name, tag).exec();
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        PushImageCmd push = docker.pushImageCmd(name).withTag(tag);
        if (login != null) {
            push = push.withAuthConfig(login);
        }
        ResultCallback.Adapter<PushResponseItem> callback = push.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PushResponseItem item) {
                if (item.getErrorDetail() != null) {
                    error.compareAndSet(null, item.getErrorDetail().getMessage());
                }
                if (item.getAux() != null && item.getAux().getDigest() != null) {
                    digest.set(item.getAux().getDigest());
                }
            }
        });
        if (!callback.awaitCompletion(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("push " + name + ":" + tag + " did not end within " + TIMEOUT);
        }
        if (error.get() != null) {
            throw new IllegalStateException("push " + name + ":" + tag + ": " + error.get());
        }
        if (digest.get() == null) {
            throw new IllegalStateException("push " + name + ":" + tag + " reported no digest");
        }
        return digest.get();
    }
}
