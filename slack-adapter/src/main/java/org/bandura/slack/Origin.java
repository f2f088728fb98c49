package org.bandura.slack;

/**
 * Where a request came from and where its private answer goes.
 *
 * @param channel     the conversation, null for App Home
 * @param threadTs    the thread to answer in, or null
 * @param userId      the person who acted
 * @param responseUrl Slack's response URL for commands and shortcuts, or null
 */
record Origin(String teamId, String teamName, String channel, String threadTs, String userId, String responseUrl) {
}
