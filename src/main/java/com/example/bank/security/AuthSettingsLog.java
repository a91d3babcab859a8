package com.example.bank.security;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Says at start which tokens the service accepts, the first thing to check when every request gets 401.
 * Injecting {@link AuthConfig} is also what makes its settings required: without them the start stops.
 */
@ApplicationScoped
class AuthSettingsLog {

    private static final Logger LOG = Logger.getLogger(AuthSettingsLog.class);

    @Inject
    AuthConfig config;

    void onStart(@Observes StartupEvent event) {
        AuthConfig.checkRanges(config);
        LOG.infof("Accepting bearer tokens from issuer %s for audience %s, verified with the keys at %s",
                config.issuer(), config.audience(), config.publicKeyLocation());
    }
}
