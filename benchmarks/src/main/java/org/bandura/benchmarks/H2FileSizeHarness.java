package org.bandura.benchmarks;

import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;

/**
 * Does the H2 file stay proportional to the data? Seeds answered questions, casts votes through the core (one
 * durable commit each, by distinct members on random answers) and prints the file size as it goes and after a
 * clean close. Run by hand:
 * {@code java -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.H2FileSizeHarness 10000 1000000 [";H2=SETTINGS"]}
 */
public final class H2FileSizeHarness {

    private H2FileSizeHarness() {
    }

    public static void main(String[] args) {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int votes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String urlSettings = args.length > 2 ? args[2] : "";
        long started = System.nanoTime();
        try (SeededDatabase seeded = new SeededDatabase(questions, urlSettings)) {
            System.out.printf("seeded %,d questions: %,d KiB%n", questions, seeded.fileSize() / 1024);
            java.util.Random random = new java.util.Random(1);
            int step = Math.max(1, votes / 10);
            for (int i = 1; i <= votes; i++) {
                String voter = "v" + i;
                seeded.core.handle(new Actor(SeededDatabase.WORKSPACE, voter, voter, false),
                        new Command.Vote(PostRef.answer(1 + random.nextInt(questions)), VoteDirection.UP));
                if (i % step == 0) {
                    System.out.printf("%,d votes: %,d KiB, %.0f s%n", i, seeded.fileSize() / 1024,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            seeded.closeDatabase();
            System.out.printf("after a clean close: %,d KiB, %.0f s%n", seeded.fileSize() / 1024,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
