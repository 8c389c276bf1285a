package com.chirpchat.domain.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the media store reported about an asset. Reports may repeat and arrive in any order. */
public sealed interface MediaReport {

    /** The file arrived with these measurements; {@code processed} holds the variants when processing finished with it. */
    record Uploaded(MediaFacts facts, Optional<List<String>> processed) implements MediaReport {
        public Uploaded {
            Objects.requireNonNull(facts, "facts");
            processed = processed.map(List::copyOf);
        }
    }

    /** Processing settled: these variants were made (the others failed). */
    record Processed(List<String> made) implements MediaReport {
        public Processed {
            made = List.copyOf(made);
        }
    }

    /** The upload or its processing failed for good. */
    record Failed(String reason) implements MediaReport {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
