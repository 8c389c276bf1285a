package com.chirpchat.bootstrap;

import io.helidon.logging.common.LogConfig;

/** Starts ChirpChat with the configuration from application.yaml and the environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ChirpChatServer server = ChirpChatServer.start(Settings.load());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
    }
}
