package com.chirpchat.application.contract;

import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.chat.LoadChatPort;
import com.chirpchat.application.event.LoadChatEventsPort;
import com.chirpchat.application.event.LoadChatHeadsPort;
import com.chirpchat.application.event.LoadChatPositionsPort;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.media.ForgetNotificationsPort;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.message.LoadMessagePort;

/** The storage out-ports of one store, as the contract suite sees them. */
public record StorePorts(LoadUserPort loadUser,
                         CreateUserPort createUser,
                         LoadChatPort loadChat,
                         CreateChatPort createChat,
                         ChangeChatPort ledger,
                         LoadMessagePort loadMessage,
                         LoadChatEventsPort loadEvents,
                         LoadChatPositionsPort positions,
                         LoadChatHeadsPort heads,
                         LoadMembershipPort memberships,
                         MediaDeletionQueuePort deletions,
                         ForgetNotificationsPort notifications) {

    /** For a store that implements every port in one object. */
    public static <S extends LoadUserPort & CreateUserPort & LoadChatPort & CreateChatPort & ChangeChatPort
            & LoadMessagePort & LoadChatEventsPort & LoadChatPositionsPort & LoadChatHeadsPort & LoadMembershipPort
            & MediaDeletionQueuePort
            & ForgetNotificationsPort> StorePorts of(S store) {
        return new StorePorts(store, store, store, store, store, store, store, store, store, store, store, store);
    }
}
