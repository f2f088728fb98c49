package org.bandura.core.service;

import java.sql.SQLException;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.MemberRepository;
import org.bandura.core.reply.Reply;

/**
 * {@code /privacy}: a member decides whether accept notices notify them, whether they get accept reminders and whether
 * the public web names them.
 */
final class PrivacyService {

    private PrivacyService() {
    }

    static Reply privacy(Context context, Stores stores, Command.Privacy privacy) throws SQLException {
        long memberId = context.member().id();
        MemberRepository members = stores.members();
        if (privacy.change() != null) {
            switch (privacy.change()) {
                case ANNOUNCEMENTS_ON -> members.setAnnouncements(context.sql(), memberId, true);
                case ANNOUNCEMENTS_OFF -> members.setAnnouncements(context.sql(), memberId, false);
                case WEB_HIDE -> members.setWebHidden(context.sql(), memberId, true);
                case WEB_SHOW -> members.setWebHidden(context.sql(), memberId, false);
            }
        }
        MemberRepository.Privacy settings = members.privacy(context.sql(), memberId);
        String announcements = settings.announcements()
                ? "on: when your answer is accepted, the notice mentions you, and new badges are announced in the thread"
                : "off: when your answer is accepted, the notice names you without a notification, and new badges "
                        + "are told to you privately";
        String web = settings.webHidden()
                ? "hidden: public web pages show you as \"a member\""
                : "shown: public web pages show your name";
        String reminders = settings.reminders()
                ? "on: I remind you privately to accept an answer that helped"
                : "off: no reminders to accept answers";
        return Reply.ok((privacy.change() == null ? "Your privacy settings" : "Saved. Your privacy settings")
                + " — announcements " + announcements + "; reminders " + reminders + "; name " + web
                + ". Change them with /privacy announcements off|on, /privacy reminders off|on and /privacy hide|show.");
    }
}
