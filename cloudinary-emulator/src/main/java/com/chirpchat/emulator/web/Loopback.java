package com.chirpchat.emulator.web;

import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Whether a request comes from this machine. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean isLoopback(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            return ip != null && ip.isLoopbackAddress();
        }
        return false;
    }

    public static String remoteIp(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "";
    }
}
