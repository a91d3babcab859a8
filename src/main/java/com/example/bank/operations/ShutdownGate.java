package com.example.bank.operations;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.example.bank.problem.Problem;
import com.example.bank.problem.ProblemType;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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

    @ServerRequestFilter(preMatching = true)
    public Response refuseWhenClosed(ContainerRequestContext request, UriInfo uriInfo) {
        if (!closed) {
            return null;
        }
        ProblemType type = ProblemType.SERVICE_SHUTTING_DOWN;
        return Response.status(type.status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .header("Connection", "close")
                .entity(Problem.of(type, "This instance is shutting down; send the request again.",
                        java.net.URI.create(uriInfo.getPath())))
                .build();
    }
}
