package org.bandura.core.knowledge;

/** Links from a knowledge-base page back to the question in chat. */
public final class ChatLinks {

    private ChatLinks() {
    }

    /**
     * @param channelKey Discord: the channel id; Slack: the channel id
     * @param messageKey Discord: the message id; Slack: {@code channel:ts}
     * @return the Discord jump link or Slack permalink, or null when the question never reached a chat
     */
    public static String of(String platform, String workspaceExternalId, String channelKey, String messageKey) {
        if (channelKey == null || messageKey == null) {
            return null;
        }
        if ("DISCORD".equals(platform)) {
            return "https://discord.com/channels/" + workspaceExternalId + "/" + channelKey + "/" + messageKey;
        }
        if ("SLACK".equals(platform)) {
            int colon = messageKey.indexOf(':');
            String ts = colon < 0 ? messageKey : messageKey.substring(colon + 1);
            return "https://slack.com/archives/" + channelKey + "/p" + ts.replace(".", "");
        }
        return null;
    }
}
