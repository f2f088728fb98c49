package org.bandura.core.persistence;

import java.time.Clock;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.CoreService;
import org.bandura.core.testing.TestCore;

/**
 * Child process for {@link DurabilityTest}: runs commands against an H2 file database forever and prints
 * {@code ACK n} after command n was confirmed, exactly as a front door would tell a user.
 */
public final class DurabilityLoad {

    public static void main(String[] args) throws Exception {
        WorkspaceRef workspace = new WorkspaceRef(Platform.CONSOLE, "durability", "durability");
        boolean compactWhileRunning = args.length > 1 && args[1].contains("compact");
        boolean unsafe = args.length > 1 && args[1].contains("unsafe");
        try (Database database = Database.open(DatabaseSettings.of(args[0]));
             CoreService core = new CoreService(database, TestCore.settings(), Clock.systemUTC())) {
            H2FileKeeper keeper = database.h2FileKeeper();
            if (unsafe) {
                keeper.disableHeaderFixForTest(); // what H2 2.5.252 does by itself: the test must catch a loss
            }
            if (compactWhileRunning) {
                // Compaction steps between commands, as often as they can run: chunks are rewritten, die, and the
                // next commits land in their holes (with RETENTION_TIME=0 at once).
                Thread compactor = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        keeper.maintain(true);
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // let commands in
                    }
                }, "durability-compactor");
                compactor.setDaemon(true);
                compactor.start();
            }
            for (int n = 1; ; n++) {
                Actor asker = new Actor(workspace, "asker" + (n % 7), "asker" + (n % 7), false);
                Reply reply = run(core, asker, "/ask Durable question " + n + " #durability");
                if (n > 1 && reply.isOk()) {
                    Actor voter = new Actor(workspace, "voter" + n, "voter" + n, false);
                    reply = run(core, voter, "/upvote Q" + (n - 1));
                }
                if (!reply.isOk()) {
                    System.out.println("FAIL " + n + " " + reply.text());
                    return;
                }
                if (keeper != null) {
                    System.out.println("SIZE " + keeper.fileBytes());
                }
                System.out.println("ACK " + n);
                System.out.flush();
            }
        }
    }

    private static Reply run(CoreService core, Actor actor, String line) {
        return core.handle(actor, ((CommandLineParser.Parsed) CommandLineParser.parseLine(line)).command());
    }
}
