package org.bandura.core.service;

/**
 * The core's tunables; the launcher fills them from configuration.
 *
 * @param maxTextLength      longest question or answer, in characters
 * @param expertsPerQuestion how many experts a question mentions (top K)
 * @param dailyVoteCap       most reputation one member gains from votes per UTC day
 * @param tagExpertThreshold per-tag reputation that earns the "&lt;tag&gt; Expert" badge
 * @param maxTagsPerQuestion most tags one question may carry
 * @param community          tag governance and what makes a reply an answer
 * @param progress           the workspace time zone, badge families and the weekly digest's schedule
 */
public record CoreSettings(int maxTextLength, int expertsPerQuestion, int dailyVoteCap, int tagExpertThreshold,
                           int maxTagsPerQuestion, CommunityRules community, ProgressSettings progress) {

    public static final int TEXT_LIMIT_CEILING = 8000;

    public CoreSettings {
        if (maxTextLength < 1 || maxTextLength > TEXT_LIMIT_CEILING) {
            throw new IllegalArgumentException("maxTextLength must be between 1 and " + TEXT_LIMIT_CEILING);
        }
        if (expertsPerQuestion < 0 || dailyVoteCap < 0 || tagExpertThreshold < 1 || maxTagsPerQuestion < 1) {
            throw new IllegalArgumentException("core settings out of range");
        }
        community = community == null ? CommunityRules.defaults() : community;
        progress = progress == null ? ProgressSettings.defaults() : progress;
    }

    public CoreSettings(int maxTextLength, int expertsPerQuestion, int dailyVoteCap, int tagExpertThreshold,
                        int maxTagsPerQuestion, CommunityRules community) {
        this(maxTextLength, expertsPerQuestion, dailyVoteCap, tagExpertThreshold, maxTagsPerQuestion, community,
                ProgressSettings.defaults());
    }

    public CoreSettings(int maxTextLength, int expertsPerQuestion, int dailyVoteCap, int tagExpertThreshold,
                        int maxTagsPerQuestion) {
        this(maxTextLength, expertsPerQuestion, dailyVoteCap, tagExpertThreshold, maxTagsPerQuestion,
                CommunityRules.defaults());
    }

    public CoreSettings withCommunity(CommunityRules rules) {
        return new CoreSettings(maxTextLength, expertsPerQuestion, dailyVoteCap, tagExpertThreshold,
                maxTagsPerQuestion, rules, progress);
    }

    public CoreSettings withProgress(ProgressSettings newProgress) {
        return new CoreSettings(maxTextLength, expertsPerQuestion, dailyVoteCap, tagExpertThreshold,
                maxTagsPerQuestion, community, newProgress);
    }

    public static CoreSettings defaults() {
        return new CoreSettings(4000, 3, 200, 100, 5);
    }
}
