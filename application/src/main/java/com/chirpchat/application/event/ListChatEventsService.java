package com.chirpchat.application.event;

import java.util.List;
import java.util.OptionalInt;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.common.Limits;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

public final class ListChatEventsService implements ListChatEventsUseCase {
    private final ChatAccess access;
    private final LoadChatEventsPort events;

    public ListChatEventsService(ChatAccess access, LoadChatEventsPort events) {
        this.access = access;
        this.events = events;
    }

    @Override
    public EventPage eventsAfter(UserId caller, ChatId chatId, long afterSeq, OptionalInt limit) {
        if (afterSeq < 0) {
            throw UseCaseException.invalid("after must not be negative");
        }
        int size = Limits.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT);
        access.requireMember(chatId, caller);
        List<ChatEvent> found = events.eventsAfter(chatId, afterSeq, size + 1);
        boolean more = found.size() > size;
        return new EventPage(more ? found.subList(0, size) : found, more);
    }
}
