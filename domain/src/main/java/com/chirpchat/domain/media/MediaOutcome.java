package com.chirpchat.domain.media;

import java.util.Objects;
import java.util.Optional;

/** What a report did to an asset: changed it, told nothing new, or contradicted what is settled. */
public sealed interface MediaOutcome {

    /**
     * The asset moved on. When it reached a final status, members hear of it ({@link #settledAs()}: ready or
     * failed); progress short of that (uploaded, still processing) is stored without a word to anyone.
     */
    record Changed(MediaAsset before, MediaAsset after) implements MediaOutcome {
        public Changed {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            if (before.equals(after)) {
                throw new IllegalArgumentException("a change changes something");
            }
        }

        /** The final status this change reached, if it reached one: the event members get. */
        public Optional<MediaStatus> settledAs() {
            return after.status().isFinal() ? Optional.of(after.status()) : Optional.empty();
        }

        /** A failed file is of no use to anyone (it broke the limits or could not be processed): its storage should go. */
        public boolean freesStorage() {
            return after.status() == MediaStatus.FAILED;
        }
    }

    /** The report said nothing the asset did not know already (a repeat). */
    record Unchanged() implements MediaOutcome {
    }

    /** The report contradicts what the asset has settled (late or different news); nothing changes. */
    record Rejected(String why) implements MediaOutcome {
        public Rejected {
            Objects.requireNonNull(why, "why");
        }
    }
}
