package com.chirpchat.application.message;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.common.Limits;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.UserId;

public final class ListMessagesService implements ListMessagesUseCase {
    private final ChatAccess access;
    private final LoadMessagePort messages;

    public ListMessagesService(ChatAccess access, LoadMessagePort messages) {
        this.access = access;
        this.messages = messages;
    }

    @Override
    public MessagePage messages(UserId caller, ChatId chatId, OptionalLong beforeSeq, OptionalInt limit) {
        if (beforeSeq.isPresent() && beforeSeq.getAsLong() < 1) {
            throw UseCaseException.invalid("before must be at least 1");
        }
        int size = Limits.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT);
        access.requireMember(chatId, caller);
        List<Message> found = messages.messagesBefore(chatId, beforeSeq, size + 1);
        if (found.size() > size) {
            List<Message> page = found.subList(0, size);
            return new MessagePage(page, OptionalLong.of(page.get(size - 1).seq()));
        }
        return new MessagePage(found, OptionalLong.empty());
    }
}
