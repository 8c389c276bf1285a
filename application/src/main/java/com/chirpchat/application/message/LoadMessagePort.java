package com.chirpchat.application.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

/** Reads messages. */
public interface LoadMessagePort {
    Optional<Message> message(MessageId id);

    /** Up to {@code limit} live media messages still waiting for their upload, created before {@code before}, oldest first. */
    List<Message> uploadsStartedBefore(Instant before, int limit);

    /** Up to {@code limit} messages with {@code seq < beforeSeq} (all when empty), newest first; tombstones included. */
    List<Message> messagesBefore(ChatId chatId, OptionalLong beforeSeq, int limit);
}
