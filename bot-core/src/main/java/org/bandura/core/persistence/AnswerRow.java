package org.bandura.core.persistence;

public record AnswerRow(long id, long workspaceId, long number, long questionId, long authorId, String body, int score,
                        String messageKey) {
}
