package com.chirpchat.emulator.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator needs to run, resolved and validated once at start-up.
 *
 * @param host            interface to bind (loopback by default)
 * @param port            port to bind, 0 for an ephemeral one
 * @param dataDir         folder holding assets, derived files, chunk state and the notification outbox
 * @param credentials     cloud name, API key/secret and token key
 * @param publicBaseUri   base of the URLs written into responses, when it differs from the bound address
 *                        (e.g. behind a proxy); empty means "the address we listen on"
 * @param maxUploadBytes  largest file accepted, whole or assembled from chunks
 * @param notifications   webhook signing and retry policy
 * @param processing      worker pool and time limits
 * @param chunks          bounds on chunked-upload state
 * @param faultSwitchOverHttp whether {@code /_emulator/faults} answers at all (off unless configured: a switch that
 *                        makes uploads fail must not be one a web page can flip)
 * @param strictTransformations like a Cloudinary account with <em>strict transformations</em> on: only derived
 *                        files made eagerly at upload are delivered, nothing is rendered on request
 */
public record Settings(String host,
                       int port,
                       Path dataDir,
                       Credentials credentials,
                       Optional<URI> publicBaseUri,
                       long maxUploadBytes,
                       NotificationSettings notifications,
                       ProcessingSettings processing,
                       ChunkSettings chunks,
                       boolean faultSwitchOverHttp,
                       boolean strictTransformations) {

    public Settings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(publicBaseUri, "publicBaseUri");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(processing, "processing");
        Objects.requireNonNull(chunks, "chunks");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, was " + maxUploadBytes);
        }
    }
}
