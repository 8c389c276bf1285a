package com.chirpchat.archfixture.persistence.builds;

import java.util.function.Function;

import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;

/** Fixture: building events through a constructor reference is building them too. */
public class ReferencesAnEventConstructor {
    public Function<MessageId, EventData> deletions() {
        return EventData.MessageDeleted::new;
    }
}
