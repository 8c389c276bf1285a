package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.ledger.ChatChange;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;

public final class HandleMediaNotificationService implements HandleMediaNotificationUseCase {
    private static final System.Logger LOG = System.getLogger(HandleMediaNotificationService.class.getName());

    private final MediaStore store;
    private final LoadMessagePort messages;
    private final ChangeChatPort ledger;
    private final MediaLimits limits;
    private final EventPublisher publisher;
    private final Clock clock;

    public HandleMediaNotificationService(MediaStore store, LoadMessagePort messages, ChangeChatPort ledger, MediaLimits limits,
                                          EventPublisher publisher, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.ledger = ledger;
        this.limits = limits;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public NotificationOutcome handle(RawNotification raw) {
        MediaNotification notification = store.readNotification(raw);
        String assetKey = switch (notification) {
            case MediaNotification.Uploaded u -> u.assetKey();
            case MediaNotification.Processed p -> p.assetKey();
            case MediaNotification.Failed f -> f.assetKey();
            case MediaNotification.Irrelevant i -> {
                LOG.log(Level.DEBUG, "ignoring media notification " + i.id() + ": " + i.why());
                yield null;
            }
        };
        if (assetKey == null) {
            return NotificationOutcome.IGNORED;
        }
        Optional<Message> found = messages.messageByAssetKey(assetKey);
        if (found.isEmpty()) {
            LOG.log(Level.WARNING, "media notification " + notification.id() + " for unknown asset " + assetKey + " acknowledged");
            return NotificationOutcome.NO_SUCH_MEDIA;
        }
        Message known = found.get();
        Result result = ledger.change(known.chatId(), chat -> apply(chat, known, notification));
        result.event().ifPresent(publisher::publish);
        return result.outcome();
    }

    private Result apply(ChatChange chat, Message known, MediaNotification notification) {
        Instant now = clock.instant();
        if (!chat.recordNotification(notification.id(), now)) {
            return new Result(NotificationOutcome.ALREADY_KNOWN, Optional.empty());
        }
        Message current = chat.message(known.id()).orElseThrow();
        MediaAsset before = known.media().orElseThrow();
        if (current.deleted()) {
            // deleted while the file was on its way: whatever arrived must go too
            chat.scheduleMediaDeletion(before.assetKey(), before.resourceType(), now);
            return new Result(NotificationOutcome.NO_SUCH_MEDIA, Optional.empty());
        }
        before = current.media().orElseThrow();
        MediaAsset after = next(before, notification);
        if (after.equals(before)) {
            return new Result(NotificationOutcome.ALREADY_KNOWN, Optional.empty());
        }
        if (!after.status().isFinal()) {
            chat.updateMedia(current.id(), after);
            return new Result(NotificationOutcome.APPLIED, Optional.empty());
        }
        if (after.status() == MediaStatus.FAILED) {
            // a file that broke the limits or could not be processed is of no use to anyone: free the storage
            chat.scheduleMediaDeletion(after.assetKey(), after.resourceType(), now);
        }
        return new Result(NotificationOutcome.APPLIED, Optional.of(chat.settleMedia(current.id(), after, now)));
    }

    /** The asset after what the notification says, recording only facts not yet known. */
    private MediaAsset next(MediaAsset asset, MediaNotification notification) {
        switch (notification) {
            case MediaNotification.Uploaded uploaded -> {
                if (asset.mayRecordUpload().isAllowed()) {
                    asset = asset.uploaded(uploaded.facts());
                    Optional<String> violation = limits.violation(asset.resourceType(), uploaded.facts());
                    if (violation.isPresent() && asset.mayFail().isAllowed()) {
                        return asset.failed(violation.get());
                    }
                }
                if (uploaded.processed().isPresent() && asset.mayRecordVariants().isAllowed()) {
                    asset = asset.processed(uploaded.processed().get());
                }
                return asset;
            }
            case MediaNotification.Processed processed -> {
                return asset.mayRecordVariants().isAllowed() ? asset.processed(processed.made()) : asset;
            }
            case MediaNotification.Failed failed -> {
                return asset.mayFail().isAllowed() ? asset.failed(failed.reason()) : asset;
            }
            case MediaNotification.Irrelevant irrelevant -> {
                return asset;
            }
        }
    }

    private record Result(NotificationOutcome outcome, Optional<ChatEvent> event) {
    }
}
