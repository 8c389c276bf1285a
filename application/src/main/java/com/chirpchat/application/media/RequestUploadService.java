package com.chirpchat.application.media;

import java.time.Clock;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.limits.UserQuotas;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.Sent;
import com.chirpchat.domain.ledger.StartUpload;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

public final class RequestUploadService implements RequestUploadUseCase {
    private final ChangeChatPort ledger;
    private final MediaStore store;
    private final MediaLimits limits;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;
    private final UserQuotas quotas;

    public RequestUploadService(ChangeChatPort ledger, MediaStore store, MediaLimits limits, EventPublisher publisher,
                                IdGenerator ids, Clock clock) {
        this(ledger, store, limits, publisher, ids, clock, UserQuotas.none());
    }

    public RequestUploadService(ChangeChatPort ledger, MediaStore store, MediaLimits limits, EventPublisher publisher,
                                IdGenerator ids, Clock clock, UserQuotas quotas) {
        this.quotas = quotas;
        this.ledger = ledger;
        this.store = store;
        this.limits = limits;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public UploadTicket request(RequestUploadCommand command) {
        MediaLimits.Limit limit = limits.of(command.type());
        // undeclared, an upload may be as big as its type allows; declared too big, the ledger refuses it (413)
        long charged = Math.max(1, Math.min(command.bytes().orElse(limit.maxBytes()), limit.maxBytes()));
        quotas.checkUpload(command.author(), charged);
        Outcome.Accepted<Sent> placed = ledger.apply(new StartUpload(command.chatId(), command.author(), new MessageId(ids.next()),
                command.type(), command.fileName(), command.bytes(), command.clientMessageId(), limits, clock.instant()),
                publisher::publishCommitted);
        if (placed.result().created()) {
            quotas.countUpload(command.author(), charged); // the same upload asked for again is signed again, not charged
        }
        Message message = placed.result().message();
        // an upload can only land where we said: the chat's folder, named by message id
        AssetKey key = new AssetKey(message.chatId(), message.id());
        SignedUpload upload = store.signUpload(new UploadSpec(key.folder(), key.name(), command.type(), limit.formats(), limit.maxBytes(),
                                                          command.fileName().map(String::strip)));
        return new UploadTicket(message, upload, placed.result().created());
    }
}
