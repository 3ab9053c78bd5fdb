package io.atq.director.config;

import com.github.dockerjava.api.DockerClient;
import io.atq.boot.KeepAliveReadWorkaround;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.config.ImageDistribution;
import io.atq.contracts.config.ImageRule;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.capacity.Capacity;
import io.atq.director.events.PatientTaskEvents;
import io.atq.director.events.TaskEvents;
import io.atq.director.health.DockerHealthIndicator;
import io.atq.director.health.ImagesHealthIndicator;
import io.atq.director.health.SharedFolderNodesHealthIndicator;
import io.atq.director.health.TaskLogHealthIndicator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.HandOver;
import io.atq.director.orchestration.PausePoint;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.RunSettings;
import io.atq.director.orchestration.Sleeper;
import io.atq.director.orchestration.EngineRuns;
import io.atq.director.orchestration.TaskFiles;
import io.atq.director.orchestration.TaskResults;
import io.atq.director.orchestration.RunTools;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.orchestration.TaskRuns;
import io.atq.director.storage.SharedFolderTaskFiles;
import io.atq.director.storage.SharedFolderTaskResults;
import io.atq.director.swarm.DockerClients;
import io.atq.director.swarm.DockerSwarmClient;
import io.atq.director.swarm.SwarmClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** The core objects and the Docker adapter. */
@Configuration(proxyBeanMethods = false)
public class DirectorConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DirectorConfiguration.class);
    /** How long past a task's deadline and clean-up budget its run still waits for the broker to record an event. */
    private static final Duration EVENT_PATIENCE = Duration.ofMinutes(2);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KeepAliveReadWorkaround keepAliveReadWorkaround() {
        return new KeepAliveReadWorkaround();
    }

    /** The shared YAML, loaded once; a {@code ConfigException} stops start-up with its file:line: field message. */
    @Bean
    AtqConfig atqConfig(DirectorProperties properties) {
        AtqConfig config = ConfigLoader.load(properties.config());
        log.info("configuration {}: {} whitelisted image(s) ({} by registry digest), probe {} ({}), sharedPath {}, pullImages {}; "
                        + "instance {}, director {}",
                config.source(), config.images().size(),
                config.images().stream().filter(rule -> rule.distribution() == ImageDistribution.REGISTRY).count(),
                config.probeImage(), config.probeDistribution().label(), config.sharedPath(), config.pullImages(),
                properties.instance(), properties.directorId());
        return config;
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    TaskSpecValidator taskSpecValidator(AtqConfig config) {
        return new TaskSpecValidator(config);
    }

    @Bean
    TaskLedger taskLedger() {
        return new TaskLedger(UUID.randomUUID().toString());
    }

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(DirectorProperties properties) {
        return DockerClients.create(properties.docker().host());
    }

    @Bean
    SwarmClient swarmClient(DockerClient docker, ResilienceConfiguration.DockerResilience resilience, MeterRegistry meters) {
        return new DockerSwarmClient(docker, resilience.retry(), resilience.breaker(), meters);
    }

    @Bean
    TaskFiles taskFiles(AtqConfig config) {
        return new SharedFolderTaskFiles(config);
    }

    /** The results files of a task read and merged at its end, for at most the summary budget. */
    @Bean
    TaskResults taskResults(AtqConfig config, EvidenceProperties evidence) {
        return new SharedFolderTaskResults(config, evidence.summaryBudget());
    }

    @Bean
    RunSettings runSettings(DirectorProperties properties, EvidenceProperties evidence, AtqConfig config) {
        DirectorProperties.Director director = properties.director();
        DirectorProperties.Deadlines deadlines = director.deadlines();
        Duration grace = director.stopGracePeriod() != null ? director.stopGracePeriod() : config.evidence().stopGracePeriod();
        return new RunSettings(properties.instance(), properties.directorId(), director.pollInterval(), grace,
                deadlines.workersRunning(), deadlines.discovery(), deadlines.masterStart(), deadlines.cleanup(),
                evidence.maxLogSize().toBytes(), director.sharedFolderNodeLabel());
    }

    /**
     * Test-only: {@code atq.director.test.pause-after=<PHASE or CLEANUP>} makes every run sleep
     * {@code atq.director.test.pause-for} (default 60s) at that step, so fault-injection tests can kill a director there.
     */
    @Bean
    PausePoint pausePoint(Environment environment) {
        String step = environment.getProperty("atq.director.test.pause-after", "");
        if (step.isBlank()) {
            return PausePoint.NONE;
        }
        Duration pause = environment.getProperty("atq.director.test.pause-for", Duration.class, Duration.ofSeconds(60));
        log.warn("TEST PAUSE POINT ACTIVE: every run sleeps {} at {}", pause, step);
        return PausePoint.sleepingAt(step, pause);
    }

    @Bean
    RunTools runTools(RunSettings settings, AtqConfig config, SwarmClient swarm, TaskFiles files, TaskResults results, Clock clock,
                      TaskLedger ledger, PausePoint pausePoint, PhaseObserver phaseObserver, HandOver handOver) {
        return new RunTools(settings, config, swarm, files, results, clock, Sleeper.system(), ledger::isCancelled, pausePoint,
                phaseObserver, handOver);
    }

    /** Set when this director, stopping, hands its tasks over (see {@code DirectorDeparture}). */
    @Bean
    HandOver handOver() {
        return new HandOver();
    }

    /** How every run is made, fresh or taken over: the one engine, waiting out broker outages for its events. */
    @Bean
    TaskRuns taskRuns(RunTools tools, TaskEvents events) {
        return new EngineRuns(tools, events, PatientTaskEvents.defaultSchedule(), EVENT_PATIENCE);
    }

    /** On shutdown the runs record FAILED and clean up: they get the clean-up budget and a little more. */
    @Bean
    TaskRunner taskRunner(DirectorProperties properties, RunSettings settings, AtqConfig config, TaskRuns runs, Capacity capacity) {
        return new TaskRunner(CapacityConfiguration.maxTasks(properties, config), settings.cleanup().plusSeconds(10), runs, capacity);
    }

    /** With {@code pullImages: true}, pulls every whitelisted image and the probe before taking tasks. */
    @Bean
    @Order(0)
    ApplicationRunner pullImages(AtqConfig config, SwarmClient swarm) {
        return args -> {
            if (!config.pullImages()) {
                return;
            }
            Set<String> images = new LinkedHashSet<>();
            config.images().stream().map(ImageRule::imageName).forEach(images::add);
            images.add(config.probeImage());
            images.forEach(swarm::pullImage);
        };
    }

    @Bean
    DockerHealthIndicator dockerHealthIndicator(SwarmClient swarm) {
        return new DockerHealthIndicator(swarm);
    }

    @Bean
    ImagesHealthIndicator imagesHealthIndicator(SwarmClient swarm, AtqConfig config) {
        return new ImagesHealthIndicator(swarm, config);
    }

    /** Health component {@code sharedFolderNodes}: which nodes carry the shared-folder label (only when one is set). */
    @Bean
    @ConditionalOnExpression("!'${atq.director.shared-folder-node-label:}'.isBlank()")
    SharedFolderNodesHealthIndicator sharedFolderNodesHealthIndicator(SwarmClient swarm, RunSettings settings) {
        return new SharedFolderNodesHealthIndicator(swarm, java.util.Objects.requireNonNull(settings.sharedFolderNodeLabel()));
    }

    @Bean
    TaskLogHealthIndicator taskLogHealthIndicator(TaskLedger ledger, TaskRunner runner) {
        return new TaskLogHealthIndicator(ledger, runner);
    }
}
