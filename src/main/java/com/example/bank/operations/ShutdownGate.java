package com.example.bank.operations;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * On SIGTERM the service first keeps serving for {@code quarkus.shutdown.delay} ({@code BANK_SHUTDOWN_DELAY})
 * while its readiness check reports DOWN, so that a load balancer stops sending it traffic without any
 * request being refused; then new requests are answered 503 (the client or load balancer sends them to
 * another replica) while requests already running finish, within {@code quarkus.shutdown.timeout}. Quarkus
 * itself keeps serving new requests during its graceful shutdown; this gate is what turns them away.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    @ConfigProperty(name = "quarkus.shutdown.delay")
    Duration delay;

    private volatile boolean closed;

    /** Fired when the delay starts, which is when readiness goes DOWN: the gate closes when it ends. */
    void close(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.infof("Shutting down: readiness is DOWN; serving for %s more, then refusing new requests", delay);
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            closed = true;
            LOG.info("Shutting down: refusing new requests, finishing the ones in flight");
        });
    }

    /** Thrown from the filter, the refusal is answered by ProblemMappers like every other problem. */
    @ServerRequestFilter(preMatching = true)
    public void refuseWhenClosed(ContainerRequestContext request) {
        if (closed) {
            throw new ServiceShuttingDownException();
        }
    }
}
