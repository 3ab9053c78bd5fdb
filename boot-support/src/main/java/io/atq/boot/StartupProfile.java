package io.atq.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A start-up profile on request: started with {@code -Datq.startup.profile=N}, an app records Spring's start-up steps
 * and, once ready, logs the {@code N} steps that took longest by themselves (a bean's creation without the beans it
 * created on the way) and the time per kind of step. Off by default: recording costs a little memory and time.
 * docs/benchmarks.md says what it showed.
 */
public final class StartupProfile {
    /** The system property that turns the profile on; its value is how many steps to list. */
    public static final String PROPERTY = "atq.startup.profile";

    private static final Logger log = LoggerFactory.getLogger(StartupProfile.class);
    private static final int CAPACITY = 20_000;

    private StartupProfile() {
    }

    /** Records and logs the profile of {@code application}'s start-up when {@value #PROPERTY} is set. */
    public static void applyTo(SpringApplication application) {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        int top = value.isBlank() ? 20 : Integer.parseInt(value.strip());
        BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
        application.setApplicationStartup(startup);
        application.addListeners((ApplicationReadyEvent ready) -> log.info("start-up profile:\n{}",
                describe(startup.getBufferedTimeline().getEvents(), top)));
    }

    /** The slowest steps by their own time, then the own time per step name. */
    static String describe(List<StartupTimeline.TimelineEvent> events, int top) {
        Map<Long, Duration> children = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                children.merge(parent, event.getDuration(), Duration::plus);
            }
        }
        List<Own> own = new ArrayList<>();
        for (StartupTimeline.TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            Duration self = event.getDuration().minus(children.getOrDefault(step.getId(), Duration.ZERO));
            own.add(new Own(step.getName(), tags(step), self.isNegative() ? Duration.ZERO : self));
        }
        StringBuilder out = new StringBuilder();
        own.stream().sorted(Comparator.comparing(Own::self).reversed()).limit(top).forEach(step ->
                out.append(String.format("  %6d ms  %s %s%n", step.self().toMillis(), step.name(), step.tags())));
        out.append("  own time per step name:\n");
        own.stream().collect(Collectors.groupingBy(Own::name, Collectors.reducing(Duration.ZERO, Own::self, Duration::plus)))
                .entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                .forEach(entry -> out.append(String.format("  %6d ms  %s%n", entry.getValue().toMillis(), entry.getKey())));
        return out.toString();
    }

    private static String tags(StartupStep step) {
        List<String> tags = new ArrayList<>();
        step.getTags().forEach(tag -> tags.add(tag.getKey() + "=" + tag.getValue()));
        return String.join(" ", tags);
    }

    private record Own(String name, String tags, Duration self) {
    }
}
