package org.bandura.core.reply;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload of an outbox {@link org.bandura.core.Outbox#QUESTION} row: everything any process's adapter needs to
 * post the question, written in the same transaction as the question so a crash after the commit still posts it.
 *
 * @param asked  the question as the core answered the /ask (number, title, text, tags, asker, experts, similar)
 * @param origin the adapter's own context, opaque to the core (Slack: channel, response URL)
 * @param reason for {@link org.bandura.core.Outbox#QUESTION_FAILED}: why it could not be posted; null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuestionPost(Event.QuestionAsked asked, String origin, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("question post not serialisable", e);
        }
    }

    public static QuestionPost fromJson(String json) {
        try {
            return JSON.readValue(json, QuestionPost.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a question post: " + e.getOriginalMessage(), e);
        }
    }

    public QuestionPost withReason(String why) {
        return new QuestionPost(asked, origin, why);
    }
}
