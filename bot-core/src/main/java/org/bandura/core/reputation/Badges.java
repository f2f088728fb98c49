package org.bandura.core.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Badge rules as a pure function of a member's counts. Badges, once earned, are kept. */
public final class Badges {

    public static final String FIRST_ANSWER = "first-answer";
    public static final int[] SOLVED_STEPS = {1, 10, 50, 150};
    private static final String SOLVED_PREFIX = "solved-";
    private static final String EXPERT_PREFIX = "expert:";

    private Badges() {
    }

    /** Codes of every badge the counts qualify for. */
    public static List<String> earned(int answers, int accepted, Map<String, Long> tagReputation, int expertThreshold) {
        List<String> codes = new ArrayList<>();
        if (answers >= 1) {
            codes.add(FIRST_ANSWER);
        }
        for (int step : SOLVED_STEPS) {
            if (accepted >= step) {
                codes.add(SOLVED_PREFIX + step);
            }
        }
        tagReputation.forEach((tag, points) -> {
            if (points >= expertThreshold) {
                codes.add(EXPERT_PREFIX + tag);
            }
        });
        return codes;
    }

    public static String expertCode(String tag) {
        return EXPERT_PREFIX + tag;
    }

    /** How a badge code reads: "First Answer", "Solved ×10", "java Expert". */
    public static String label(String code) {
        if (code.equals(FIRST_ANSWER)) {
            return "First Answer";
        }
        if (code.startsWith(SOLVED_PREFIX)) {
            String step = code.substring(SOLVED_PREFIX.length());
            return step.equals("1") ? "Solved" : "Solved ×" + step;
        }
        if (code.startsWith(EXPERT_PREFIX)) {
            return code.substring(EXPERT_PREFIX.length()) + " Expert";
        }
        return code;
    }
}
