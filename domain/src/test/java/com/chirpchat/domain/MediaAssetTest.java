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
        assertThat(asset.status()).isEqualTo(MediaStatus.UPLOADING);
        MediaAsset processing = asset.uploaded(facts);
        assertThat(processing.status()).isEqualTo(MediaStatus.PROCESSING);
        MediaAsset ready = processing.processed(List.of("preview_800", "thumbnail_250", "something_else"));
        assertThat(ready.status()).isEqualTo(MediaStatus.READY);
        assertThat(ready.madeVariants()).as("expected variants only, in contract order").containsExactly("thumbnail_250", "preview_800");
        assertThat(ready.measured().width()).hasValue(640);
    }

    @Test
    void processingReportedBeforeTheUploadWaitsForIt() {
        MediaAsset early = MediaAsset.uploading(ResourceType.AUDIO, "k").processed(List.of("mp3", "waveform"));
        assertThat(early.status()).isEqualTo(MediaStatus.UPLOADING);
        MediaAsset ready = early.uploaded(facts);
        assertThat(ready.status()).isEqualTo(MediaStatus.READY);
        assertThat(ready.madeVariants()).containsExactly("mp3", "waveform");
    }

    @Test
    void documentsAreReadyAsSoonAsTheyArriveAndStaySo() {
        MediaAsset document = MediaAsset.uploading(ResourceType.RAW, "k").uploaded(facts);
        assertThat(document.status()).isEqualTo(MediaStatus.READY);
        assertThat(document.mayRecordVariants().isAllowed()).as("a late processing report changes nothing").isFalse();
    }

    @Test
    void partialProcessingIsReadyWithWhatWasMadeButNothingMadeIsFailure() {
        MediaAsset video = MediaAsset.uploading(ResourceType.VIDEO, "k").uploaded(facts);
        assertThat(video.processed(List.of("mp4", "poster")).status()).isEqualTo(MediaStatus.READY);
        MediaAsset broken = video.processed(List.of());
        assertThat(broken.status()).isEqualTo(MediaStatus.FAILED);
        assertThat(broken.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("processing failed"));
    }

    @Test
    void eachFactIsRecordedOnceSoRepeatsChangeNothing() {
        MediaAsset processing = MediaAsset.uploading(ResourceType.IMAGE, "k").uploaded(facts);
        assertThat(processing.mayRecordUpload().isAllowed()).isFalse();
        assertThatThrownBy(() -> processing.uploaded(facts)).isInstanceOf(RuleViolationException.class);
        MediaAsset ready = processing.processed(List.of("thumbnail_250"));
        assertThat(ready.mayRecordVariants().isAllowed()).isFalse();
        assertThat(ready.mayFail().isAllowed()).isFalse();
    }

    @Test
    void failedIsFinal() {
        MediaAsset failed = MediaAsset.uploading(ResourceType.VIDEO, "k").failed("too big");
        assertThat(failed.status()).isEqualTo(MediaStatus.FAILED);
        assertThat(failed.failureReason()).hasValue("too big");
        assertThat(failed.mayRecordUpload().isAllowed()).isFalse();
        assertThat(failed.mayRecordVariants().isAllowed()).isFalse();
        assertThatThrownBy(() -> failed.failed("again")).isInstanceOf(RuleViolationException.class);
    }
}
