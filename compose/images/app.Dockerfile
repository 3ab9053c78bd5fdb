# The image of one ATQ app (atq/gateway, atq/director), built by compose/lib/images.sh with the classic builder from
# a context holding this file and the four layers of `java -Djarmode=tools -jar APP.jar extract --layers` (a class path
# of plain jars: application/app.jar, renamed from APP.jar, with lib/ beside it), and an ahead-of-time cache made by a
# training run in the last step.
# Nothing is pulled: BASE_IMAGE (atq/jre:25) is built on this machine.
ARG BASE_IMAGE=atq/jre:25
FROM ${BASE_IMAGE}
ARG PORT=8080
# Health and metrics (/actuator/*) listen here, apart from the API; the same as PORT: one server for both.
ARG MANAGEMENT_PORT=8081
# Everything but the four COPY steps and the training run first: they are the only layers, so a code change re-runs
# only the last COPY and the training.
WORKDIR /app
# The container listens here whatever the ATQ configuration's `port:` says; publish it as the deployment needs.
ENV SERVER_PORT=${PORT}
# Spring Boot's management.server.port: a deployment publishes SERVER_PORT only, so health details and Prometheus
# metrics stay inside the container's networks (the HEALTHCHECK asks this port from inside).
ENV MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT}
EXPOSE ${PORT} ${MANAGEMENT_PORT}
# The process's own readiness (Spring's readinessState: started, listeners up, not shutting down), not the overall
# health: a broker outage, an unreachable Docker or a swarm without a leader is not cured by a restart, and Swarm
# replaces unhealthy tasks, so checking them would kill a director exactly while it rides the outage out (and its
# tasks with it). /actuator/health keeps saying DOWN with the reason. atq-healthcheck (atq/jre) asks
# 127.0.0.1:$MANAGEMENT_SERVER_PORT; Spring answers 200 while UP, 503 while DOWN.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["/bin/bash", "-c", "exec atq-healthcheck \"$MANAGEMENT_SERVER_PORT\" /actuator/health/readiness"]
# MaxRAMPercentage: the heap follows the container's memory limit. ExitOnOutOfMemoryError: an OOM ends the process
# (the orchestrator restarts it) instead of leaving a half-working JVM. Native access: Netty loads its epoll library
# (Java 24+ warns on every start otherwise). AOTCache: the classes loaded, linked and profiled by the training run below
# (JDK 25, JEP 483/514/515): the app starts in about a third of the time. A cache that does not match is ignored with a
# warning. More options: JDK_JAVA_OPTIONS; app arguments: the command (CMD).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/app/app.aot", "-jar", "/app/app.jar"]
# Least to most often changed: third-party jars, Boot's launcher (empty without --launcher), SNAPSHOT jars, then the
# app's own jar and modules (contracts).
COPY dependencies/ ./
COPY spring-boot-loader/ ./
COPY snapshot-dependencies/ ./
COPY application/ ./
# The training run, with this image's own JVM (a cache belongs to one JVM build and one class path): the app starts
# and exits once its context has refreshed (spring.context.exit=onRefresh: every bean created, nothing started, no
# port opened); the JVM writes /app/app.aot as it exits. No broker or Docker is reached (port 1, no socket).
RUN ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCacheOutput=/app/app.aot", \
     "-Dspring.context.exit=onRefresh", "-jar", "/app/app.jar", "--server.port=0", \
     "--spring.rabbitmq.addresses=127.0.0.1:1", "--atq.docker.host=unix:///nonexistent/atq-aot.sock"]
# Not root. The director reaches Docker through the mounted socket: run it with the socket's group
# (--group-add / group_add: the gid of /var/run/docker.sock on the node).
USER 10001:10001
