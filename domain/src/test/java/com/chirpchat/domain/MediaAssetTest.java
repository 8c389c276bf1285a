package com.chirpchat.domain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaReport;
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

    @Test
    void reportsInAnyOrderAndAnyNumberEndInTheSameState() {
        MediaLimits limits = MediaLimits.defaults();
        List<MediaReport> reports = List.of(new MediaReport.Uploaded(facts, Optional.empty()),
                                            new MediaReport.Processed(List.of("thumbnail_250", "preview_800")));
        for (List<MediaReport> order : List.of(reports, reports.reversed())) {
            MediaAsset asset = MediaAsset.uploading(ResourceType.IMAGE, "k");
            for (MediaReport report : order) {
                MediaOutcome outcome = asset.apply(report, limits);
                assertThat(outcome).isInstanceOf(MediaOutcome.Changed.class);
                asset = ((MediaOutcome.Changed) outcome).after();
                assertThat(asset.apply(report, limits)).as("a repeat").isEqualTo(new MediaOutcome.Unchanged());
            }
            assertThat(asset.status()).isEqualTo(MediaStatus.READY);
            assertThat(asset.madeVariants()).containsExactly("thumbnail_250", "preview_800");
        }
    }

    @Test
    void onlySettlingIsAnEventAndOnlyFailureFreesTheFile() {
        MediaLimits limits = MediaLimits.defaults();
        MediaAsset uploading = MediaAsset.uploading(ResourceType.VIDEO, "k");
        MediaOutcome.Changed progress = (MediaOutcome.Changed) uploading.apply(new MediaReport.Uploaded(
                new MediaFacts(Optional.of("mp4"), OptionalLong.of(10), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty()),
                Optional.empty()), limits);
        assertThat(progress.settledAs()).isEmpty();
        assertThat(progress.freesStorage()).isFalse();
        MediaOutcome.Changed ready = (MediaOutcome.Changed) progress.after().apply(new MediaReport.Processed(List.of("mp4")), limits);
        assertThat(ready.settledAs()).hasValue(MediaStatus.READY);
        assertThat(ready.freesStorage()).isFalse();
        MediaOutcome.Changed failed = (MediaOutcome.Changed) uploading.apply(new MediaReport.Failed("corrupt"), limits);
        assertThat(failed.settledAs()).hasValue(MediaStatus.FAILED);
        assertThat(failed.freesStorage()).isTrue();
    }

    @Test
    void newsThatContradictsWhatIsSettledIsRejectedAndChangesNothing() {
        MediaLimits limits = MediaLimits.defaults();
        MediaAsset ready = MediaAsset.uploading(ResourceType.IMAGE, "k").uploaded(facts).processed(List.of("thumbnail_250", "preview_800"));
        assertThat(ready.apply(new MediaReport.Failed("late"), limits)).isEqualTo(new MediaOutcome.Rejected("media is already ready"));
        assertThat(ready.apply(new MediaReport.Processed(List.of("thumbnail_250")), limits)).isInstanceOf(MediaOutcome.Rejected.class);
        MediaFacts other = new MediaFacts(Optional.of("png"), OptionalLong.of(1), OptionalInt.of(1), OptionalInt.of(1), OptionalDouble.empty());
        MediaAsset processing = MediaAsset.uploading(ResourceType.IMAGE, "k").uploaded(facts);
        assertThat(processing.apply(new MediaReport.Uploaded(other, Optional.empty()), limits))
                .isEqualTo(new MediaOutcome.Rejected("the report contradicts what is recorded of this media"));
        MediaAsset failed = MediaAsset.uploading(ResourceType.IMAGE, "k").failed("broken");
        assertThat(failed.apply(new MediaReport.Failed("broken"), limits)).isEqualTo(new MediaOutcome.Unchanged());
    }

    @Test
    void anUploadOverTheLimitsFailsEvenWhenNothingIsLeftToProcess() {
        MediaLimits limits = MediaLimits.defaults();
        MediaFacts hugePdf = new MediaFacts(Optional.of("pdf"), OptionalLong.of(1L << 40), OptionalInt.empty(), OptionalInt.empty(),
                                            OptionalDouble.empty());
        MediaOutcome document = MediaAsset.uploading(ResourceType.RAW, "k").apply(new MediaReport.Uploaded(hugePdf, Optional.empty()), limits);
        assertThat(((MediaOutcome.Changed) document).after().status()).isEqualTo(MediaStatus.FAILED);
        MediaAsset processedEarly = MediaAsset.uploading(ResourceType.IMAGE, "k").processed(List.of("thumbnail_250"));
        MediaFacts gif = new MediaFacts(Optional.of("exe"), OptionalLong.of(10), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
        MediaAsset after = ((MediaOutcome.Changed) processedEarly.apply(new MediaReport.Uploaded(gif, Optional.empty()), limits)).after();
        assertThat(after.status()).isEqualTo(MediaStatus.FAILED);
        assertThat(after.failureReason()).hasValue("format exe is not allowed for image");
        assertThat(after.measured()).isEqualTo(gif);
    }
}
