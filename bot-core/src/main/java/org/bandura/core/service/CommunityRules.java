package org.bandura.core.service;

/**
 * What members must have earned or written before the bot trusts them with shared things: tags and answers.
 *
 * @param inferMinQuestions     questions a tag needs before it is inferred from untagged text (moderator-made
 *                              tags are inferred at once; 0: every known tag)
 * @param createTagMinReputation reputation needed to create a tag nobody used before (moderators always may)
 * @param maxExpertTags         most tags one member may follow with /expert add
 * @param answerMinChars        visible characters a thread reply needs to count as an answer
 */
public record CommunityRules(int inferMinQuestions, int createTagMinReputation, int maxExpertTags,
                             int answerMinChars) {

    public CommunityRules {
        if (inferMinQuestions < 0 || createTagMinReputation < 0 || maxExpertTags < 1 || answerMinChars < 0) {
            throw new IllegalArgumentException("community rules out of range");
        }
    }

    public static CommunityRules defaults() {
        return new CommunityRules(3, 10, 20, 20);
    }
}
