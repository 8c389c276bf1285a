package com.chirpchat.emulator.transform;

/** What a transformation is applied to. */
public enum SourceKind { IMAGE, VIDEO, AUDIO, RAW }
