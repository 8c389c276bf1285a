package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.ledger.ApplyMediaReport;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.ReportEffect;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;

public final class HandleMediaNotificationService implements HandleMediaNotificationUseCase {
    private static final System.Logger LOG = System.getLogger(HandleMediaNotificationService.class.getName());

    private final MediaStore store;
    private final ChangeChatPort ledger;
    private final MediaLimits limits;
    private final EventPublisher publisher;
    private final Clock clock;

    public HandleMediaNotificationService(MediaStore store, ChangeChatPort ledger, MediaLimits limits, EventPublisher publisher,
                                          Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.limits = limits;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public NotificationOutcome handle(RawNotification raw) {
        MediaNotification notification = store.readNotification(raw);
        if (notification instanceof MediaNotification.Irrelevant irrelevant) {
            LOG.log(Level.DEBUG, "ignoring media notification " + irrelevant.id() + ": " + irrelevant.why());
            return NotificationOutcome.IGNORED;
        }
        String assetKey = assetKeyOf(notification);
        // our keys name their chat and message: the one read is of the message, under its chat's lock
        Optional<AssetKey> key = AssetKey.parse(assetKey);
        if (key.isEmpty()) {
            return unknown(notification, assetKey);
        }
        Outcome.Accepted<ReportEffect> applied;
        try {
            Optional<ResourceType> storedAs = notification instanceof MediaNotification.Uploaded u ? u.storedAs() : Optional.empty();
            applied = ledger.apply(new ApplyMediaReport(key.get(), notification.id(), reportOf(notification), limits, clock.instant(),
                                                        storedAs), publisher::publishCommitted);
        } catch (UseCaseException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return unknown(notification, assetKey); // no such chat
        }
        return switch (applied.result()) {
            case APPLIED -> NotificationOutcome.APPLIED;
            case REPEATED -> NotificationOutcome.ALREADY_KNOWN;
            case CONTRADICTED -> {
                LOG.log(Level.INFO, "media notification " + notification.id() + " contradicts what is settled of " + assetKey
                        + "; nothing changed");
                yield NotificationOutcome.ALREADY_KNOWN;
            }
            case NO_SUCH_MEDIA -> unknown(notification, assetKey);
            case ORPHANED -> {
                LOG.log(Level.WARNING, "media notification " + notification.id() + ": " + assetKey
                        + " arrived but no live media message wants it (deleted, failed or its uploader left); destruction queued");
                yield NotificationOutcome.NO_SUCH_MEDIA;
            }
        };
    }

    private static NotificationOutcome unknown(MediaNotification notification, String assetKey) {
        LOG.log(Level.WARNING, "media notification " + notification.id() + " for unknown asset " + assetKey + " acknowledged");
        return NotificationOutcome.NO_SUCH_MEDIA;
    }

    private static String assetKeyOf(MediaNotification notification) {
        return switch (notification) {
            case MediaNotification.Uploaded u -> u.assetKey();
            case MediaNotification.Processed p -> p.assetKey();
            case MediaNotification.Failed f -> f.assetKey();
            case MediaNotification.Irrelevant i -> throw new IllegalArgumentException("an irrelevant notification is about no asset");
        };
    }

    private static MediaReport reportOf(MediaNotification notification) {
        return switch (notification) {
            case MediaNotification.Uploaded u -> new MediaReport.Uploaded(u.facts(), u.processed(), u.measured());
            case MediaNotification.Processed p -> new MediaReport.Processed(p.made(), p.measured());
            case MediaNotification.Failed f -> new MediaReport.Failed(f.reason());
            case MediaNotification.Irrelevant i -> throw new IllegalArgumentException("an irrelevant notification reports nothing");
        };
    }
}
