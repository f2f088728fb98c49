package org.bandura.core.reply;

/** A member as a reply shows them: adapters turn {@code userId} into a real mention where the platform has one. */
public record MemberView(String userId, String displayName) {
}
