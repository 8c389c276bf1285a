package com.chirpchat.application.media;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;

/**
 * What a verified notification from the media store says. {@code id} identifies the notification itself, so a
 * repeated delivery can be recognised; {@code assetKey} names the asset it is about.
 */
public sealed interface MediaNotification {
    String id();

    /**
     * The file arrived; {@code processed} holds the variants when processing finished with the upload;
     * {@code storedAs} is the type the store keeps it as, when it says (to destroy a file nobody wants).
     */
    record Uploaded(String id, String assetKey, MediaFacts facts, Optional<List<String>> processed,
                    Optional<ResourceType> storedAs, Map<String, MediaFacts> measured) implements MediaNotification {
        public Uploaded {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(assetKey, "assetKey");
            Objects.requireNonNull(facts, "facts");
            processed = processed.map(List::copyOf);
            Objects.requireNonNull(storedAs, "storedAs");
            measured = Map.copyOf(measured);
        }

        public Uploaded(String id, String assetKey, MediaFacts facts, Optional<List<String>> processed) {
            this(id, assetKey, facts, processed, Optional.empty(), Map.of());
        }
    }

    /** Processing settled: these variants were made (the others failed), with what the store measured of each. */
    record Processed(String id, String assetKey, List<String> made, Map<String, MediaFacts> measured) implements MediaNotification {
        public Processed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(assetKey, "assetKey");
            made = List.copyOf(made);
            measured = Map.copyOf(measured);
        }

        public Processed(String id, String assetKey, List<String> made) {
            this(id, assetKey, made, Map.of());
        }
    }

    /** The upload or its processing failed for good. */
    record Failed(String id, String assetKey, String reason) implements MediaNotification {
        public Failed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(assetKey, "assetKey");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A genuine notification about something ChirpChat does not act on (acknowledged and logged). */
    record Irrelevant(String id, String why) implements MediaNotification {
    }
}
