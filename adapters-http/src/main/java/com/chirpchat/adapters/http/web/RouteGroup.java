package com.chirpchat.adapters.http.web;

/** The endpoints of one concept (accounts, chats, messages, ...), added to the API's routing. */
@FunctionalInterface
public interface RouteGroup {
    void addTo(Endpoints endpoints);
}
