package com.chirpchat.adapters.persistence;

class H2GroupCommitTest extends GroupCommitContract {
    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.temporary();
    }
}
