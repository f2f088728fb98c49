package org.bandura.core.reputation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Badge rules as a pure function of a member's counts. Badges, once earned, are kept: a code names its step
 * ({@code helpful-10}), so a later change of thresholds or counts never takes one away.
 */
public final class Badges {

    public static final String FIRST_ANSWER = "first-answer";
    public static final int[] SOLVED_STEPS = {1, 10, 50, 150};
    private static final String SOLVED_PREFIX = "solved-";
    private static final String EXPERT_PREFIX = "expert:";

    /** The families beyond First Answer, Solved and tag Expert, in the order progress names them. */
    public enum Family {
        SOLVED("solved-", "Solved", "accepted answer", "accepted answers"),
        HELPFUL("helpful-", "Helpful", "answer with a score of 1 or more", "answers with a score of 1 or more"),
        QUICK("quick-", "Quick", "answer within %s of the question", "answers within %s of the question"),
        MENTOR("mentor-", "Mentor", "asker accepting your answers", "different askers accepting your answers"),
        CURIOUS("curious-", "Curious", "question of yours with an accepted answer",
                "questions of yours with an accepted answer");

        private final String prefix;
        private final String name;
        private final String one;
        private final String many;

        Family(String prefix, String name, String one, String many) {
            this.prefix = prefix;
            this.name = name;
            this.one = one;
            this.many = many;
        }

        public String code(int step) {
            return prefix + step;
        }
    }

    /**
     * Where each family's badges are earned ({@code badges.*}).
     *
     * @param quickWithin an answer this soon after its question counts toward Quick
     */
    public record Thresholds(List<Integer> helpful, List<Integer> quick, Duration quickWithin, List<Integer> mentor,
                             List<Integer> curious) {

        public static final Duration DEFAULT_QUICK_WITHIN = Duration.ofMinutes(15);

        public Thresholds {
            helpful = steps("helpful", helpful);
            quick = steps("quick", quick);
            mentor = steps("mentor", mentor);
            curious = steps("curious", curious);
            if (quickWithin == null || quickWithin.isZero() || quickWithin.isNegative()) {
                throw new IllegalArgumentException("badges.quick-within must be a positive duration");
            }
        }

        public static Thresholds defaults() {
            return new Thresholds(List.of(10, 50, 200), List.of(5, 25), DEFAULT_QUICK_WITHIN, List.of(10),
                    List.of(5, 25));
        }

        List<Integer> of(Family family) {
            return switch (family) {
                case SOLVED -> java.util.Arrays.stream(SOLVED_STEPS).boxed().toList();
                case HELPFUL -> helpful;
                case QUICK -> quick;
                case MENTOR -> mentor;
                case CURIOUS -> curious;
            };
        }

        private static List<Integer> steps(String name, List<Integer> steps) {
            if (steps == null || steps.isEmpty()) {
                throw new IllegalArgumentException("badges." + name + " needs at least one step");
            }
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) < 1 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                    throw new IllegalArgumentException("badges." + name + " must be rising positive numbers");
                }
            }
            return List.copyOf(steps);
        }
    }

    /**
     * What a member has done that badges count.
     *
     * @param helpful answers with a score of at least 1
     * @param quick   answers written within {@link Thresholds#quickWithin()} of their question
     * @param mentor  distinct askers (not the member) who accepted one of the member's answers
     * @param curious the member's questions that have an accepted answer
     */
    public record Counts(int answers, int accepted, int helpful, int quick, int mentor, int curious) {

        int of(Family family) {
            return switch (family) {
                case SOLVED -> accepted;
                case HELPFUL -> helpful;
                case QUICK -> quick;
                case MENTOR -> mentor;
                case CURIOUS -> curious;
            };
        }
    }

    /** The nearest badge a member doesn't hold yet: "3 more accepted answers to Solved ×10". */
    public record Next(String code, int remaining, String unit) {
        public String text() {
            return remaining + " more " + unit + " to " + label(code);
        }
    }

    private Badges() {
    }

    /** Codes of every First Answer, Solved and tag Expert badge the counts qualify for. */
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

    /** Codes of every badge the counts qualify for, the new families included. */
    public static List<String> earned(Counts counts, Map<String, Long> tagReputation, int expertThreshold,
                                      Thresholds thresholds) {
        List<String> codes = new ArrayList<>(earned(counts.answers(), counts.accepted(), tagReputation,
                expertThreshold));
        for (Family family : List.of(Family.HELPFUL, Family.QUICK, Family.MENTOR, Family.CURIOUS)) {
            codes.addAll(earnedIn(family, counts.of(family), thresholds));
        }
        return codes;
    }

    /** The family's codes a count qualifies for. */
    public static List<String> earnedIn(Family family, int count, Thresholds thresholds) {
        return thresholds.of(family).stream().filter(step -> count >= step).map(family::code).toList();
    }

    /**
     * The badge closest to being earned that the member doesn't hold: fewest steps remaining, ties in the order
     * First Answer, Solved, Helpful, Quick, Mentor, Curious. Empty when every step is held.
     */
    public static Optional<Next> next(Counts counts, Collection<String> held, Thresholds thresholds) {
        Next best = null;
        if (!held.contains(FIRST_ANSWER) && counts.answers() < 1) {
            best = new Next(FIRST_ANSWER, 1 - counts.answers(), "answer");
        }
        for (Family family : Family.values()) {
            int count = counts.of(family);
            for (int step : thresholds.of(family)) {
                String code = family.code(step);
                if (held.contains(code) || count >= step) {
                    continue;
                }
                int remaining = step - count;
                if (best == null || remaining < best.remaining()) {
                    String unit = String.format(remaining == 1 ? family.one : family.many,
                            human(thresholds.quickWithin()));
                    best = new Next(code, remaining, unit);
                }
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    public static String expertCode(String tag) {
        return EXPERT_PREFIX + tag;
    }

    /** How a badge code reads: "First Answer", "Solved ×10", "java Expert", "Helpful ×10", "Mentor". */
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
        if (code.equals(Family.MENTOR.code(10))) {
            return Family.MENTOR.name; // the default and only step: no count needed
        }
        for (Family family : Family.values()) {
            if (code.startsWith(family.prefix)) {
                return family.name + " ×" + code.substring(family.prefix.length());
            }
        }
        return code;
    }

    /** 15 min, 1 h, 90 s. */
    static String human(Duration duration) {
        if (duration.toSecondsPart() != 0 || duration.toMinutes() == 0) {
            return duration.toSeconds() + " s";
        }
        if (duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }
}
