package com.chirpchat.emulator.store;

import java.util.List;
import java.util.Objects;

/**
 * Eager transformations accepted with {@code eager_async=true} and not processed yet.
 *
 * @param batchId          id reported in the upload response and the eager notification
 * @param requestId        id of the upload request
 * @param transformations  eager strings exactly as the client sent them
 * @param notificationUrl  where the eager notification goes ("" for nowhere)
 * @param version          asset version the batch belongs to
 */
public record PendingBatch(String batchId, String requestId, List<String> transformations, String notificationUrl,
                           long version) {

    public PendingBatch {
        Objects.requireNonNull(batchId, "batchId");
        requestId = requestId == null ? "" : requestId;
        transformations = transformations == null ? List.of() : List.copyOf(transformations);
        notificationUrl = notificationUrl == null ? "" : notificationUrl;
    }
}
