package com.chirpchat.domain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaAssetTest {
    private final MediaFacts facts = new MediaFacts(Optional.of("jpg"), OptionalLong.of(1234), OptionalInt.of(640),
                                                    OptionalInt.of(480), OptionalDouble.empty());

    @Test
    void uploadingThenProcessingThenReady() {
        MediaAsset asset = MediaAsset.uploading(ResourceType.IMAGE, "chats/c/m");
        MediaAsset processing = asset.processing(facts);
        MediaAsset ready = processing.ready(facts, List.of("thumbnail_250", "preview_800"));
        assertThat(ready.status()).isEqualTo(MediaStatus.READY);
        assertThat(ready.variants()).containsExactly("thumbnail_250", "preview_800");
        assertThat(ready.facts().width()).hasValue(640);
    }

    @Test
    void finalStatesAreFinal() {
        MediaAsset ready = MediaAsset.uploading(ResourceType.IMAGE, "k").ready(facts, List.of());
        assertThat(ready.mayMoveTo(MediaStatus.PROCESSING).isAllowed()).isFalse();
        assertThatThrownBy(() -> ready.failed("late")).isInstanceOf(RuleViolationException.class);
        MediaAsset failed = MediaAsset.uploading(ResourceType.VIDEO, "k").failed("too big");
        assertThat(failed.failureReason()).hasValue("too big");
        assertThatThrownBy(() -> failed.ready(facts, List.of())).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void processingCannotGoBackToUploadingOrRepeat() {
        MediaAsset processing = MediaAsset.uploading(ResourceType.AUDIO, "k").processing(facts);
        assertThat(processing.mayMoveTo(MediaStatus.UPLOADING).isAllowed()).isFalse();
        assertThat(processing.mayMoveTo(MediaStatus.PROCESSING).isAllowed()).isFalse();
        assertThat(processing.mayMoveTo(MediaStatus.FAILED).isAllowed()).isTrue();
    }
}
