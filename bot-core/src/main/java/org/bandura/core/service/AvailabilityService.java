package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.followup.Availability;
import org.bandura.core.followup.WorkingHours;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.FollowUpRepository.AvailabilityRow;
import org.bandura.core.reply.Reply;

/** {@code /expert hours|away|back|limit}: when an expert wants to be mentioned. */
final class AvailabilityService {

    static final int MAX_AWAY_DAYS = 366;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private final FollowUpRepository followUps;

    AvailabilityService(FollowUpRepository followUps) {
        this.followUps = followUps;
    }

    Reply hours(Context context, Command.ExpertHours command) throws SQLException {
        AvailabilityRow current = followUps.availability(context.sql(), context.member().id());
        Availability now = current.availability();
        if (command.spec().strip().equalsIgnoreCase("off")) {
            save(context, Optional.empty(), current.zone(), now.awayUntil(), now.weeklyLimit());
            return Reply.ok("Your hours are cleared: you may be mentioned at any time.");
        }
        WorkingHours.Parsed parsed = WorkingHours.parse(command.spec(), current.zone());
        if (parsed.hours().isEmpty()) {
            throw new Refusal(parsed.error());
        }
        WorkingHours hours = parsed.hours().get();
        save(context, parsed.hours(), hours.zone(), now.awayUntil(), now.weeklyLimit());
        return Reply.ok("You'll be mentioned only " + hours.describe() + " (it's "
                + WHEN.format(context.now().atZone(hours.zone())) + " there now). /expert hours off clears it.");
    }

    Reply away(Context context, Command.ExpertAway command) throws SQLException {
        AvailabilityRow current = followUps.availability(context.sql(), context.member().id());
        Instant until = awayUntil(command.until(), current.zone(), context.now());
        save(context, current.availability().hours(), current.zone(), Optional.of(until),
                current.availability().weeklyLimit());
        if (until.equals(Availability.INDEFINITELY)) {
            return Reply.ok("You're away: nobody will mention you until you type /expert back.");
        }
        return Reply.ok("You're away until " + WHEN.format(until.atZone(current.zone())) + " " + current.zone().getId()
                + ". /expert back ends it early.");
    }

    Reply back(Context context) throws SQLException {
        AvailabilityRow current = followUps.availability(context.sql(), context.member().id());
        save(context, current.availability().hours(), current.zone(), Optional.empty(),
                current.availability().weeklyLimit());
        return Reply.ok("Welcome back! Questions in your tags may mention you again"
                + current.availability().hours().map(hours -> " (" + hours.describe() + ").").orElse("."));
    }

    Reply limit(Context context, Command.ExpertLimit command) throws SQLException {
        AvailabilityRow current = followUps.availability(context.sql(), context.member().id());
        Optional<Integer> limit = Optional.ofNullable(command.perWeek());
        save(context, current.availability().hours(), current.zone(), current.availability().awayUntil(), limit);
        return Reply.ok(limit.map(perWeek -> perWeek == 0
                        ? "You won't be mentioned at all until you raise your limit (/expert limit none removes it)."
                        : "You'll be mentioned at most " + Texts.plural(perWeek, "time", "times") + " in any 7 days.")
                .orElse("No weekly limit: you may be mentioned as often as questions need you."));
    }

    private void save(Context context, Optional<WorkingHours> hours, ZoneId zone, Optional<Instant> away,
                      Optional<Integer> limit) throws SQLException {
        followUps.saveAvailability(context.sql(), context.member().id(), hours, zone, away, limit, context.now());
    }

    /** {@code null} → until /expert back; {@code 3d} → in 3 days; {@code 2026-12-27} → that day's start, their zone. */
    static Instant awayUntil(String text, ZoneId zone, Instant now) {
        String usage = " Write /expert away until 2026-12-27, /expert away 3d, or just /expert away.";
        if (text == null) {
            return Availability.INDEFINITELY;
        }
        if (text.matches("\\d{1,3}d")) {
            int days = Integer.parseInt(text.substring(0, text.length() - 1));
            if (days < 1 || days > MAX_AWAY_DAYS) {
                throw new Refusal("Away for " + days + " days? Give between 1 and " + MAX_AWAY_DAYS + " days." + usage);
            }
            return now.plus(Duration.ofDays(days));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal("'" + text + "' is not a date like 2026-12-27." + usage);
        }
        Instant until = date.atStartOfDay(zone).toInstant();
        if (!until.isAfter(now)) {
            throw new Refusal(text + " has already begun, so there is nothing to be away for." + usage);
        }
        if (until.isAfter(now.plus(Duration.ofDays(MAX_AWAY_DAYS)))) {
            throw new Refusal(text + " is more than a year away; /expert away without a date keeps you away until "
                    + "/expert back.");
        }
        return until;
    }
}
