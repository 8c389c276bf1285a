package com.chirpchat.application.event;

import java.util.OptionalInt;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/** Lets a member catch up on a chat's events after the last sequence number they saw. */
public interface ListChatEventsUseCase {
    int DEFAULT_LIMIT = 500;
    int MAX_LIMIT = 1000;

    EventPage eventsAfter(UserId caller, ChatId chatId, long afterSeq, OptionalInt limit);
}
