package com.chirpchat.adapters.persistence.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.event.LoadChatHeadsPort;
import com.chirpchat.domain.chat.ChatId;

/**
 * The newest seq of many chats, by primary key. The ids go in lists padded to a few fixed lengths (repeating the
 * last id), so the database sees a handful of distinct statements however many chats an instance follows.
 */
public final class ChatHeads implements LoadChatHeadsPort {
    /** Ids per statement at most, well below both databases' parameter limits. */
    static final int CHUNK = 512;
    private static final String HEADS = "SELECT id, last_seq FROM chats WHERE id IN ";

    private final Sql sql;

    public ChatHeads(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<ChatId, Long> lastSeqs(Collection<ChatId> chats) {
        List<ChatId> all = List.copyOf(chats);
        Map<ChatId, Long> heads = new HashMap<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<ChatId> chunk = padded(all.subList(from, Math.min(all.size(), from + CHUNK)));
            Params params = Params.none();
            String ids = InList.of("c", chunk, p -> "CAST(" + p + " AS UUID)", ChatId::value, params);
            sql.list("chat-heads", HEADS + ids, params,
                     row -> Map.entry(new ChatId(Rows.uuid(row, "id")), Rows.longValue(row, "last_seq")))
                    .forEach(head -> heads.put(head.getKey(), head.getValue()));
        }
        return heads;
    }

    /** The ids, the last one repeated up to the next power of two (at most {@link #CHUNK}). */
    private static List<ChatId> padded(List<ChatId> ids) {
        int length = Integer.highestOneBit(ids.size());
        length = length == ids.size() ? length : length * 2;
        List<ChatId> padded = new ArrayList<>(ids);
        while (padded.size() < length) {
            padded.add(ids.getLast());
        }
        return padded;
    }
}
