package com.chirpchat.application.chat;

import java.util.List;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

public final class ViewChatsService implements ViewChatsUseCase {
    private final ChatAccess access;
    private final LoadChatPort chats;

    public ViewChatsService(ChatAccess access, LoadChatPort chats) {
        this.access = access;
        this.chats = chats;
    }

    @Override
    public List<Chat> chatsOf(UserId caller) {
        return chats.chatsOf(caller);
    }

    @Override
    public Chat chat(UserId caller, ChatId chatId) {
        access.requireMember(chatId, caller);
        return chats.chat(chatId).orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
    }
}
