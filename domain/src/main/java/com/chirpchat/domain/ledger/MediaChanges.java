package com.chirpchat.domain.ledger;

import java.time.Instant;

import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;

/** What a change of a message's media takes: its new state stored, the event when it settled, its file freed when it failed. */
final class MediaChanges {
    private MediaChanges() {
    }

    static void store(Recorder recorder, Message message, MediaOutcome.Changed change, Instant at) {
        MediaAsset after = change.after();
        Message updated = message.withMedia(after);
        if (change.freesStorage()) {
            recorder.write(new ChatWrite.QueueAssetDeletion(after.assetKey(), after.resourceType(), at));
        }
        recorder.write(new ChatWrite.StoreMedia(message.id(), after));
        change.settledAs().ifPresent(status -> recorder.emit(at, status == MediaStatus.READY
                ? new EventData.MediaProcessed(updated)
                : new EventData.MediaFailed(updated)));
        recorder.update(s -> s.withMessage(updated));
    }
}
