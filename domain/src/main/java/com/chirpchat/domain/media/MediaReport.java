package com.chirpchat.domain.media;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the media store reported about an asset. Reports may repeat and arrive in any order. */
public sealed interface MediaReport {

    /**
     * The file arrived with these measurements; {@code processed} holds the variants when processing finished with
     * it, {@code measured} what the store measured of them.
     */
    record Uploaded(MediaFacts facts, Optional<List<String>> processed, Map<String, MediaFacts> measured) implements MediaReport {
        public Uploaded {
            Objects.requireNonNull(facts, "facts");
            processed = processed.map(List::copyOf);
            measured = Map.copyOf(measured);
        }

        public Uploaded(MediaFacts facts, Optional<List<String>> processed) {
            this(facts, processed, Map.of());
        }
    }

    /** Processing settled: these variants were made (the others failed), with what the store measured of them. */
    record Processed(List<String> made, Map<String, MediaFacts> measured) implements MediaReport {
        public Processed {
            made = List.copyOf(made);
            measured = Map.copyOf(measured);
        }

        public Processed(List<String> made) {
            this(made, Map.of());
        }
    }

    /** The upload or its processing failed for good. */
    record Failed(String reason) implements MediaReport {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
