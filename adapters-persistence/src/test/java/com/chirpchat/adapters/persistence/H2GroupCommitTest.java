package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class H2GroupCommitTest extends GroupCommitContract {
    @TempDir
    static Path dataDirs;

    @Override
    TestDatabase freshDatabase() {
        return H2TestDatabase.freshIn(dataDirs);
    }
}
