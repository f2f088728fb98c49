package org.bandura.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.bandura.core.persistence.Database;

/**
 * Everything users can see, as sorted lines keyed by numbers and user ids rather than row ids, so two databases
 * that went through the same events compare equal however their rows were numbered.
 */
public final class StateSnapshot {

    private StateSnapshot() {
    }

    public static List<String> of(Database database) {
        return database.inTransaction(sql -> {
            List<String> lines = new ArrayList<>();
            lines.addAll(sql.list("SELECT m.user_id, m.reputation, m.answer_count, m.accepted_count FROM member m "
                    + "ORDER BY m.user_id", row -> "member " + row.getString(1) + " rep=" + row.getLong(2)
                    + " answers=" + row.getInt(3) + " accepted=" + row.getInt(4)));
            lines.addAll(sql.list("SELECT q.number, q.title, q.score, q.answer_count, a.number AS accepted "
                    + "FROM question q LEFT JOIN answer a ON a.id = q.accepted_answer_id ORDER BY q.number",
                    row -> "question Q" + row.getLong(1) + " '" + row.getString(2) + "' score=" + row.getInt(3)
                            + " answers=" + row.getInt(4) + " accepted=" + row.getObject(5)));
            lines.addAll(sql.list("SELECT a.number, q.number, m.user_id, a.score FROM answer a "
                    + "JOIN question q ON q.id = a.question_id JOIN member m ON m.id = a.author_id ORDER BY a.number",
                    row -> "answer A" + row.getLong(1) + " on Q" + row.getLong(2) + " by " + row.getString(3)
                            + " score=" + row.getInt(4)));
            lines.addAll(sql.list("SELECT m.user_id, v.post_type, COALESCE(q.number, a.number), v.direction "
                    + "FROM vote v JOIN member m ON m.id = v.voter_id "
                    + "LEFT JOIN question q ON v.post_type = 'Q' AND q.id = v.post_id "
                    + "LEFT JOIN answer a ON v.post_type = 'A' AND a.id = v.post_id "
                    + "ORDER BY m.user_id, v.post_type, 3",
                    row -> "vote " + row.getString(1) + " " + row.getString(2) + row.getLong(3) + " "
                            + row.getInt(4)));
            lines.addAll(sql.list("SELECT m.user_id, t.name, tr.points FROM tag_reputation tr "
                    + "JOIN member m ON m.id = tr.member_id JOIN tag t ON t.id = tr.tag_id WHERE tr.points <> 0 "
                    + "ORDER BY m.user_id, t.name",
                    row -> "tag-rep " + row.getString(1) + " #" + row.getString(2) + " " + row.getLong(3)));
            lines.addAll(sql.list("SELECT m.user_id, b.code FROM badge b JOIN member m ON m.id = b.member_id "
                    + "ORDER BY m.user_id, b.code", row -> "badge " + row.getString(1) + " " + row.getString(2)));
            return lines;
        });
    }
}
