package com.example.bank.operations;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * From SIGTERM on, new requests are answered 503 (so that the client or load balancer sends them to another
 * replica) while requests already running finish, within {@code quarkus.shutdown.timeout}. Quarkus itself
 * keeps serving new requests during its graceful shutdown; this gate is what turns them away.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private volatile boolean closed;

    void close(@Observes ShutdownDelayInitiatedEvent event) {
        closed = true;
        LOG.info("Shutting down: refusing new requests, finishing the ones in flight");
    }

    /** Thrown from the filter, the refusal is answered by ProblemMappers like every other problem. */
    @ServerRequestFilter(preMatching = true)
    public void refuseWhenClosed(ContainerRequestContext request) {
        if (closed) {
            throw new ServiceShuttingDownException();
        }
    }
}
