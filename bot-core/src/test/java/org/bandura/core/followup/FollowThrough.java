package org.bandura.core.followup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.service.JobRunner;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.testing.TestCore;

/**
 * A real core with its job runner and outbox, as a process runs them: tests move the clock, run the due jobs
 * once and read what would be posted. Messages read as {@code [AUDIENCE recipient] body} with {@code @userId}
 * mentions; {@link #mentioned} keeps whom each message may ping.
 */
final class FollowThrough implements AutoCloseable {

    final TestCore bandura;
    final JobRunner jobs;
    private final DatabaseOutbox outbox;
    final List<List<String>> mentioned = new ArrayList<>();
    /** The buttons of each delivered message that has any. */
    final List<List<Action>> actions = new ArrayList<>();
    /** Every message delivered, in order. */
    final List<Outgoing> messages = java.util.Collections.synchronizedList(new ArrayList<>());

    FollowThrough(TestCore bandura, String worker) {
        this.bandura = bandura;
        this.jobs = new JobRunner(bandura.database(), bandura.clock(), worker, bandura.service().jobHandlers());
        this.outbox = new DatabaseOutbox(bandura.database(), bandura.clock());
    }

    /** Moves the clock, runs every due job, and returns the messages they left for the chat. */
    List<String> after(Duration duration) {
        bandura.clock().advance(duration);
        jobs.runDue();
        return delivered();
    }

    /** What the jobs posted; badge announcements (BadgeFamiliesTest proves them) are left out. */
    List<String> delivered() {
        List<String> lines = new ArrayList<>();
        outbox.deliver(Platform.CONSOLE, message -> {
            if (message.body().startsWith("🏅")) {
                return;
            }
            lines.add(format(message));
            messages.add(message);
            mentioned.add(message.mentionUserIds());
            if (!message.actions().isEmpty()) {
                actions.add(message.actions());
            }
        });
        return lines;
    }

    static String format(Outgoing message) {
        return "[" + message.audience() + (message.recipientUserId() == null ? "" : " " + message.recipientUserId())
                + "] " + message.render(userId -> "@" + userId);
    }

    @Override
    public void close() {
        bandura.close();
    }
}
