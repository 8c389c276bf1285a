package com.chirpchat.adapters.persistence;

class H2CrossChatTest extends CrossChatContract {
    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.temporary();
    }
}
