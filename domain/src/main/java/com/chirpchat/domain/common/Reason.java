package com.chirpchat.domain.common;

/** Why a rule refused something. */
public enum Reason {
    /** The actor does not belong to the chat. */
    NOT_A_MEMBER,
    /** The actor belongs to the chat but their role does not allow this. */
    FORBIDDEN,
    /** The thing acted on does not exist. */
    NOT_FOUND,
    /** The request contradicts the current state (already a member, last owner leaving, ...). */
    CONFLICT,
    /** The request names something that cannot be (a user without an account, a size below one byte, ...). */
    INVALID,
    /** A file is bigger than its type allows. */
    TOO_LARGE,
    /** A file's format is not one its type allows. */
    UNSUPPORTED_FORMAT
}
