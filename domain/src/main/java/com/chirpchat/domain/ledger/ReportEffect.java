package com.chirpchat.domain.ledger;

/** What a media store report did to its chat. */
public enum ReportEffect {
    /** The media changed (and members heard of it when it became ready or failed). */
    APPLIED,
    /** Nothing new: this notification was handled before, or what it says is known already. */
    REPEATED,
    /** The report contradicts what the media has settled (late or different news); nothing changed. */
    CONTRADICTED,
    /** No live media message has this asset (deleted meanwhile, or never ours). */
    NO_SUCH_MEDIA,
    /**
     * A file arrived that no live media message wants — its message was deleted, or its media failed before the
     * upload came (abandoned, the uploader left) — so its destruction was queued.
     */
    ORPHANED
}
