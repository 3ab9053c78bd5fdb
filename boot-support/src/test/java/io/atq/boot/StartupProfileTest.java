package io.atq.boot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.core.metrics.StartupStep;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up profile lists steps by their own time: a bean's creation without the beans created inside it. */
class StartupProfileTest {

    @Test
    void aStepsOwnTimeLeavesOutTheStepsInsideIt() throws InterruptedException {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100);
        StartupStep outer = startup.start("spring.beans.instantiate").tag("beanName", "outer");
        StartupStep inner = startup.start("spring.beans.instantiate").tag("beanName", "inner");
        Thread.sleep(150);
        inner.end();
        outer.end();

        String profile = StartupProfile.describe(startup.getBufferedTimeline().getEvents(), 2);

        // The outer step lasted longer than the inner one, but by itself it did next to nothing.
        String[] lines = profile.lines().toArray(String[]::new);
        assertThat(lines[0]).endsWith("spring.beans.instantiate beanName=inner");
        assertThat(lines[1]).endsWith("spring.beans.instantiate beanName=outer");
        assertThat(ownMillis(lines[0])).isGreaterThanOrEqualTo(150);
    }

    @Test
    void sumsTheOwnTimeOfEachKindOfStep() throws InterruptedException {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100);
        for (String bean : new String[] {"a", "b"}) {
            StartupStep step = startup.start("spring.beans.instantiate").tag("beanName", bean);
            Thread.sleep(20);
            step.end();
        }
        startup.start("spring.context.refresh").end();

        String profile = StartupProfile.describe(startup.getBufferedTimeline().getEvents(), 5);

        String perName = profile.substring(profile.indexOf("own time per step name:"));
        assertThat(perName.lines().skip(1).findFirst().orElseThrow()).endsWith("spring.beans.instantiate");
        assertThat(ownMillis(perName.lines().skip(1).findFirst().orElseThrow())).isGreaterThanOrEqualTo(40);
        assertThat(perName).contains("spring.context.refresh");
    }

    @Test
    void isOffUnlessAsked() {
        System.clearProperty(StartupProfile.PROPERTY);
        SpringApplication application = new SpringApplication(Object.class);
        StartupProfile.applyTo(application);

        assertThat(application.getListeners()).noneMatch(listener -> listener.getClass().getName().contains("StartupProfile"));
    }

    private static long ownMillis(String line) {
        return Long.parseLong(line.strip().split("\\s+")[0]);
    }
}
